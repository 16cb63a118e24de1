import { describe, expect, it } from 'vitest';
import { closestRecord } from '../../../src/github/history/ancestor.js';
import { monthToDate, teamBudgetStatus } from '../../../src/github/history/ledger.js';
import { parseRecord } from '../../../src/github/history/record.js';
import { recordPath, recordTime } from '../../../src/github/history/record-path.js';
import { expiredPaths } from '../../../src/github/history/retention.js';
import { trendPoints } from '../../../src/github/history/trend.js';
import { withTeamBudget } from '../../../src/action/team-budget.js';
import { historyRole } from '../../../src/action/history-plan.js';
import { fakeRecord } from './git-fixture.js';

const SHA = (c: string) => c.repeat(40);

describe('record names', () => {
  it('sort by time, carry it back, differ by the random part, survive Windows', () => {
    const t = new Date('2025-06-30T23:59:59.999Z');
    const p = recordPath(t, SHA('a'), 'x1y2z3');
    expect(p).toBe('runs/2025-06-30T23-59-59.999Z-aaaaaaa-x1y2z3.json');
    expect(p).not.toContain(':');
    expect(recordTime(p)).toEqual(t);
    expect(recordPath(t, SHA('a'), 'other')).not.toBe(p);
    expect(recordPath(new Date('2025-07-01T00:00:00Z'), SHA('0'), 'r') > p).toBe(true);
    expect(recordTime('runs/notes.json')).toBeNull();
  });

  it('parseRecord refuses foreign content', () => {
    const r = fakeRecord(SHA('b'), new Date());
    expect(parseRecord(JSON.stringify(r))).toEqual(r);
    for (const bad of [
      '',
      '{',
      '{}',
      JSON.stringify({ ...r, sha: 'nope' }),
      JSON.stringify({ ...r, version: 9 }),
    ])
      expect(parseRecord(bad)).toBeNull();
  });
});

describe('retention', () => {
  it('expires only our files older than the limit', () => {
    const now = new Date('2025-03-01T00:00:00Z');
    const old = recordPath(new Date('2024-01-01T00:00:00Z'), SHA('a'), 'r1');
    const edge = recordPath(new Date('2024-01-26T00:00:00Z'), SHA('a'), 'r2'); // exactly 400 days
    const fresh = recordPath(new Date('2025-02-28T00:00:00Z'), SHA('a'), 'r3');
    expect(expiredPaths([old, edge, fresh, 'runs/old-notes.json', 'README.md'], now, 400)).toEqual([old]);
  });
});

describe('ancestor choice', () => {
  const at = (sha: string, time: string) => ({ path: sha, record: { ...fakeRecord(sha, new Date(time)) } });
  // Issue 12: the oldest record of a commit, so a later (re-)run or a hand-added file cannot displace it.
  it('base first, then the closest first-parent ancestor; the oldest record of a commit', () => {
    const recs = [at(SHA('c'), '2025-01-01'), at(SHA('e'), '2025-01-03'), at(SHA('e'), '2025-01-02')];
    expect(closestRecord([SHA('e'), SHA('d'), SHA('c')], recs)).toMatchObject({
      distance: 0,
      found: recs[2],
      candidates: 2,
    });
    expect(closestRecord([SHA('f'), SHA('d'), SHA('c')], recs)).toMatchObject({
      distance: 2,
      found: recs[0],
    });
    expect(closestRecord([SHA('f')], recs)).toBeNull();
  });
});

describe('team ledger', () => {
  const rec = (month: string, perRepeat: number) =>
    fakeRecord(SHA('a'), new Date(`${month}-15T12:00:00Z`), perRepeat);
  it('sums the month’s records (every measured repeat) and only that month', () => {
    const records = [rec('2025-04', 100), rec('2025-05', 200), rec('2025-05', 50), rec('2024-05', 1000)];
    expect(monthToDate(records, '2025-05')).toBe(3 * 250);
    expect(monthToDate(records, '2025-06')).toBe(0);
  });

  it('warns at 80 %, fails at 100 %', () => {
    expect(teamBudgetStatus(1599, 2000, '2025-05')).toMatchObject({ status: 'pass', reasons: [] });
    expect(teamBudgetStatus(1600, 2000, '2025-05')).toMatchObject({
      status: 'warn',
      reasons: ['team budget: 80.0 % of the 2025-05 limit used (≥ 80 %)'],
    });
    expect(teamBudgetStatus(2000, 2000, '2025-05').status).toBe('fail');
    expect(teamBudgetStatus(5000, 2000, '2025-05').reasons[0]).toMatch(/250\.0 %/);
  });

  it('merged into the verdict it can raise the status but never lower a fail', () => {
    const v = (status: 'pass' | 'fail' | 'error') => ({
      verdict: { status, reasons: ['x'], baseline: { source: 'none' } },
    });
    const warn = teamBudgetStatus(1700, 2000, '2025-05');
    expect(withTeamBudget(v('pass'), warn).verdict).toMatchObject({
      status: 'warn',
      reasons: ['x', warn.reasons[0]],
    });
    expect(withTeamBudget(v('fail'), warn).verdict.status).toBe('fail');
    expect(withTeamBudget(v('error'), teamBudgetStatus(1, 2000, '2025-05')).verdict.status).toBe('error');
  });

  it('trend: oldest first, last n', () => {
    const rs = ['2025-01-03', '2025-01-01', '2025-01-02'].map((d, i) =>
      fakeRecord(SHA(String(i)), new Date(d), i + 1),
    );
    expect(trendPoints(rs, 2)).toEqual([
      { sha: SHA('2'), co2eG: 3 },
      { sha: SHA('0'), co2eG: 1 },
    ]);
  });
});

describe('historyRole', () => {
  const ctx = (o: Record<string, unknown>) =>
    ({ eventName: 'push', ref: 'refs/heads/main', defaultBranch: 'main', ...o }) as never;
  it('appends on pushes to the default branch, compares on PRs, else nothing', () => {
    expect(historyRole({ baseline: 'history' }, ctx({}))).toEqual({ role: 'append' });
    expect(historyRole({ baseline: 'history' }, ctx({ ref: 'refs/heads/dev' })).role).toBe('off');
    expect(historyRole({ baseline: 'none' }, ctx({})).role).toBe('off');
    expect(
      historyRole(
        { baseline: 'history' },
        ctx({ eventName: 'pull_request', prNumber: 3, baseSha: SHA('a') }),
      ),
    ).toEqual({
      role: 'compare',
      baseSha: SHA('a'),
    });
    expect(historyRole({ baseline: 'history' }, ctx({ eventName: 'pull_request', prNumber: 3 })).role).toBe(
      'off',
    );
  });
});
