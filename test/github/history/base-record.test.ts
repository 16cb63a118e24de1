import { describe, expect, it } from 'vitest';
import { appendRun } from '../../../src/github/history/io/append-run.js';
import { loadPrBaseline } from '../../../src/action/history.js';
import { fakeRecord, makeOrigin, sh } from './git-fixture.js';

const BRANCH = 'carbon-gate-data';

/**
 * Origin with 6 commits on main's first-parent line (main[2] merges a side commit made on main[1]) and
 * records for main[1], main[3] and the side commit, which is one step from main[2] but not a first parent.
 */
async function seeded() {
  const o = makeOrigin(6);
  const side = sh(o.origin, 'rev-parse', `${o.main[2]!}^2`);
  const writer = o.clone();
  for (const [i, sha] of [o.main[1]!, o.main[3]!, side].entries()) {
    const now = new Date(Date.UTC(2025, 0, 1 + i));
    await appendRun({
      workspace: writer,
      branch: BRANCH,
      record: fakeRecord(sha, now, i + 1),
      now,
      retentionDays: 400,
    });
  }
  return o;
}

describe('PR baseline: the record of the base commit or its closest first-parent ancestor', () => {
  it('picks the base commit’s own record, in a full clone', async () => {
    const { main, clone } = await seeded();
    const pr = await loadPrBaseline(clone(), BRANCH, main[3]!);
    expect(pr.records).toHaveLength(3);
    expect(pr.baseline).toMatchObject({
      source: 'history',
      ref: main[3]!.slice(0, 7),
      method: 'independent',
    });
    expect(pr.baseline!.note).toBeUndefined();
    expect(pr.baseline!.benchmarks.get('tiny')!.co2e).toEqual([2, 2, 2]);
  });

  it('else the closest first-parent ancestor, deepening a depth-1 clone that lacks the base commit', async () => {
    const { main, clone } = await seeded();
    const ws = clone({ shallow: true, detach: true });
    expect(sh(ws, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(() => sh(ws, 'cat-file', '-e', `${main[2]!}^{commit}`)).toThrow(); // not in the clone
    // main[2] is a merge: the side commit is its second parent and must lose to main[1], 2 first-parent steps back.
    const pr = await loadPrBaseline(ws, BRANCH, main[2]!);
    expect(pr.baseline).toMatchObject({ ref: main[1]!.slice(0, 7) });
    expect(pr.baseline!.note).toMatch(
      /has no record; compared with its ancestor .* \(2 first-parent commits back\)/,
    );
    // The tip is in the clone but its parents are not: the walk deepens.
    const tipOnly = clone({ shallow: true });
    const later = await loadPrBaseline(tipOnly, BRANCH, main[5]!);
    expect(later.baseline!.ref).toBe(main[3]!.slice(0, 7));
    expect(sh(tipOnly, 'status', '--porcelain')).toBe('');
  });

  it('no record on the ancestry, no branch, or no origin: no baseline and no crash', async () => {
    const { main, clone } = await seeded();
    expect((await loadPrBaseline(clone(), BRANCH, main[0]!)).baseline).toBeNull();
    expect(await loadPrBaseline(clone(), 'missing-branch', main[3]!)).toEqual({
      baseline: null,
      records: [],
    });
    const ws = clone();
    sh(ws, 'remote', 'set-url', 'origin', '/nonexistent/repo.git');
    expect(await loadPrBaseline(ws, BRANCH, main[3]!)).toEqual({ baseline: null, records: null });
  });
});
