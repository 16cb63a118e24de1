import { describe, expect, it } from 'vitest';
import { loadPrBaseline } from '../../../src/action/history.js';
import { baselineForBase } from '../../../src/github/history/baseline-store.js';
import { loadHistory } from '../../../src/github/history/io/load-history.js';
import { monthToDate } from '../../../src/github/history/ledger.js';
import { checkRecord, parseRecord, type RunRecord } from '../../../src/github/history/record.js';
import { commitFiles, recordFile, runRecord } from './branch-files.js';
import { makeOrigin } from './git-fixture.js';

/**
 * Issue 12, item 7: the data branch is writable by anyone with contents: write (and by hand), so what is on
 * it is read as untrusted. Real git: records are committed onto a bare origin as a hand edit would.
 */
const BRANCH = 'carbon-gate-data';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const forged = (r: RunRecord, change: (j: Json) => void): string => {
  const j = structuredClone(r) as Json;
  change(j);
  return JSON.stringify(j) + '\n';
};

describe('records dated after the reading run', () => {
  it('a record of the base commit dated 9999-12-31 is not the baseline; the genuine one is', async () => {
    const { origin, main, clone } = makeOrigin(3);
    const genuine = runRecord(main[1]!, new Date('2025-01-01T00:00:00Z'), { energyJ: 10 });
    const future = runRecord(main[1]!, new Date('9999-12-31T00:00:00Z'), { energyJ: 0.02 });
    commitFiles(origin, BRANCH, Object.fromEntries([recordFile(genuine), recordFile(future)]));
    const pr = await loadPrBaseline(clone(), BRANCH, main[1]!);
    expect(pr.baseline!.benchmarks.get('tiny')!.energy).toEqual([10, 10, 10]);
    // Refused for everything (trend and ledger too), not only for the baseline.
    expect(pr.records!.map((r) => r.record.createdAt)).toEqual(['2025-01-01T00:00:00.000Z']);
  });

  it('a small clock skew is allowed, an hour is not; the refusal is logged', async () => {
    const { origin, main, clone } = makeOrigin(2);
    const now = new Date('2025-06-01T12:00:00Z');
    const skewed = runRecord(main[1]!, new Date(now.getTime() + 60_000));
    const ahead = runRecord(main[1]!, new Date(now.getTime() + 3_600_000));
    const [aheadPath, aheadText] = recordFile(ahead);
    commitFiles(origin, BRANCH, Object.fromEntries([recordFile(skewed), [aheadPath, aheadText]]));
    const log: string[] = [];
    const h = await loadHistory(clone(), BRANCH, { now, log: (m) => log.push(m) });
    expect(h.records.map((r) => r.record.createdAt)).toEqual([skewed.createdAt]);
    expect(log.join('\n')).toContain(aheadPath);
    expect(log.join('\n')).toMatch(/after this run/);
  });
});

describe('several records of one commit', () => {
  it('the oldest consistent one is the baseline, and the note says which record it was', async () => {
    const { origin, main, clone } = makeOrigin(3);
    const first = runRecord(main[1]!, new Date('2025-01-01T00:00:00Z'), { energyJ: 10, runId: '41' });
    const rerun = runRecord(main[1]!, new Date('2025-01-02T00:00:00Z'), { energyJ: 20, runId: '42' });
    const [firstPath, firstText] = recordFile(first);
    commitFiles(origin, BRANCH, Object.fromEntries([[firstPath, firstText], recordFile(rerun)]));
    const pr = await loadPrBaseline(clone(), BRANCH, main[1]!);
    expect(pr.baseline!.benchmarks.get('tiny')!.energy).toEqual([10, 10, 10]);
    expect(pr.baseline!.ref).toBe(main[1]!.slice(0, 7));
    expect(pr.baseline!.note).toContain('2 records');
    expect(pr.baseline!.note).toContain('run 41');
    expect(pr.baseline!.note).toContain(firstPath);
  });

  it('the reading run’s own record wins over older ones (a re-run of the same workflow run)', async () => {
    const sha = 'c'.repeat(40);
    const at = (day: number, runId: string, energyJ: number) => ({
      path: `runs/${day}.json`,
      record: runRecord(sha, new Date(Date.UTC(2025, 0, day)), { runId, energyJ }),
    });
    const records = [at(3, '9', 30), at(1, '8', 10), at(2, '7', 20)];
    const own = await baselineForBase([sha], records, { runId: '7' });
    expect(own!.benchmarks.get('tiny')!.energy).toEqual([20, 20, 20]);
    expect(own!.note).toMatch(/run 7/);
    const other = await baselineForBase([sha], records, { runId: '1' });
    expect(other!.benchmarks.get('tiny')!.energy).toEqual([10, 10, 10]);
  });
});

describe('quantities that cannot be measurements', () => {
  const now = new Date('2025-03-10T00:00:00Z');
  const sha = 'd'.repeat(40);
  const good = runRecord(sha, now, { co2eG: 2 });

  it.each<[string, (j: Json) => void]>([
    ['a negative spent CO2e', (j) => (j.totals.spentCo2eG = -1e6)],
    ['a spent CO2e other than the sum of its repeats', (j) => (j.totals.spentCo2eG = 1e-9)],
    ['a negative sample energy', (j) => (j.benchmarks[0].samples[0].energyJ = -5)],
    ['a negative sample CO2e', (j) => (j.benchmarks[0].samples[0].co2eG = -2)],
    ['a negative duration', (j) => (j.benchmarks[0].samples[0].durationS = -0.1)],
    ['a negative total energy', (j) => (j.totals.energyJ = -1)],
    ['a month that is not its createdAt’s', (j) => (j.month = '2025-04')],
    ['a createdAt that is not a time', (j) => (j.createdAt = 'yesterday')],
  ])('refuses %s, saying why', (_label, change) => {
    const text = forged(good, change);
    expect(parseRecord(text)).toBeNull();
    const checked = checkRecord(text);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.why).toMatch(/\S/);
  });

  it('the team ledger never counts them (real git: a record spending −1e6 g on the branch)', async () => {
    const { origin, clone } = makeOrigin(1);
    commitFiles(
      origin,
      BRANCH,
      Object.fromEntries([
        recordFile(good),
        [`runs/2025-03-09T00-00-00.000Z-ddddddd-neg.json`, forged(good, (j) => (j.totals.spentCo2eG = -1e6))],
      ]),
    );
    const log: string[] = [];
    const h = await loadHistory(clone(), BRANCH, { now, log: (m) => log.push(m) });
    expect(h.records).toHaveLength(1);
    expect(
      monthToDate(
        h.records.map((r) => r.record),
        '2025-03',
      ),
    ).toBe(6);
    expect(log.join('\n')).toMatch(/ddddddd-neg\.json.*spentCo2eG/);
  });
});
