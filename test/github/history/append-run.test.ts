import { describe, expect, it } from 'vitest';
import { appendRun } from '../../../src/github/history/io/append-run.js';
import { loadHistory } from '../../../src/github/history/io/load-history.js';
import { commitFiles } from './branch-files.js';
import { fakeRecord, makeOrigin, sh } from './git-fixture.js';

const BRANCH = 'carbon-gate-data';
const branchFiles = (origin: string) =>
  sh(origin, 'ls-tree', '-r', '--name-only', BRANCH).split('\n').filter(Boolean);
/** One run of commit `sha` recorded at `now`, 400 days kept. */
const append = (workspace: string, sha: string, now: Date) =>
  appendRun({ workspace, branch: BRANCH, record: fakeRecord(sha, now), now, retentionDays: 400 });

describe('appendRun (real git, bare origin)', () => {
  it('creates the orphan branch, then appends, leaving the checkout untouched', async () => {
    const { origin, main, clone } = makeOrigin(2);
    const ws = clone({ detach: true });
    const before = {
      head: sh(ws, 'rev-parse', 'HEAD'),
      refs: sh(ws, 'for-each-ref'),
      status: sh(ws, 'status', '--porcelain'),
    };
    const now = new Date('2025-03-04T05:06:07.089Z');
    const first = await append(ws, main[1]!, now);
    expect(first.path).toMatch(
      new RegExp(`^runs/2025-03-04T05-06-07\\.089Z-${main[1]!.slice(0, 7)}-[0-9a-f]{12}\\.json$`),
    );
    expect(sh(origin, 'rev-list', '--count', BRANCH)).toBe('1'); // orphan: no parent, unrelated to main
    const second = await append(ws, main[1]!, now);
    expect(second.records).toHaveLength(2);
    expect(branchFiles(origin)).toEqual([first.path, second.path].sort());
    expect(sh(origin, 'rev-parse', `${BRANCH}^`)).toBe(first.commit);
    expect({
      head: sh(ws, 'rev-parse', 'HEAD'),
      refs: sh(ws, 'for-each-ref'),
      status: sh(ws, 'status', '--porcelain'),
    }).toEqual(before);
    const h = await loadHistory(ws, BRANCH);
    expect(h.exists).toBe(true);
    expect(h.records.map((r) => r.record.sha)).toEqual([main[1], main[1]]);
    expect(h.records[0]!.record).toMatchObject({
      month: '2025-03',
      ref: 'refs/heads/main',
      runId: '7',
      totals: { spentCo2eG: 3 },
    });
  });

  it('a missing branch reads as empty, not as an error', async () => {
    const { clone } = makeOrigin(1);
    expect(await loadHistory(clone(), 'nope')).toEqual({ exists: false, records: [] });
  });

  it('ten concurrent writers, each with its own clone, leave ten records', async () => {
    const { origin, main, clone } = makeOrigin(1);
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        appendRun({
          workspace: clone({ shallow: i % 2 === 0 }),
          branch: BRANCH,
          record: fakeRecord(main[0]!, now, i + 1),
          now,
          retentionDays: 400,
          maxAttempts: 30,
          backoffMs: () => 20 + Math.random() * 200,
        }),
      ),
    );
    const files = branchFiles(origin);
    expect(files).toHaveLength(10);
    expect(new Set(results.map((r) => r.path))).toEqual(new Set(files));
    expect(Math.max(...results.map((r) => r.attempts))).toBeGreaterThan(1); // they did race
    const spent = (await loadHistory(clone(), BRANCH)).records.reduce(
      (s, r) => s + r.record.totals.spentCo2eG,
      0,
    );
    expect(spent).toBe(3 * 55);
  });

  it('retention prunes old record files in the same commit and keeps foreign files', async () => {
    const { origin, main, clone } = makeOrigin(1);
    const ws = clone();
    const old = new Date('2024-01-01T00:00:00Z');
    const recent = new Date('2025-01-01T00:00:00Z');
    const a = await append(ws, main[0]!, old);
    const b = await append(ws, main[0]!, recent);
    expect(b.pruned).toEqual([]);
    commitFiles(origin, BRANCH, { 'runs/notes.json': '{}\n' });
    const now = new Date('2025-03-01T00:00:00Z'); // a is 425 days old, b 59
    const c = await append(ws, main[0]!, now);
    expect(c.pruned).toEqual([a.path]);
    expect(branchFiles(origin)).toEqual([b.path, c.path, 'runs/notes.json']);
    expect(sh(origin, 'show', '--no-renames', '--name-status', '--format=%s', BRANCH).split('\n')).toEqual([
      `carbon-gate: run ${main[0]!.slice(0, 7)} (refs/heads/main), prune 1`,
      '',
      `D\t${a.path}`,
      `A\t${c.path}`,
    ]);
  });
});
