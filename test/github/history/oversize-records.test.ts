import { describe, expect, it } from 'vitest';
import { appendRun } from '../../../src/github/history/io/append-run.js';
import { loadHistory } from '../../../src/github/history/io/load-history.js';
import { recordPath } from '../../../src/github/history/record-path.js';
import { MAX_RECORD_BYTES } from '../../../src/github/history/record.js';
import { GIT_MAX_BUFFER } from '../../../src/io/git.js';
import { commitFiles, recordFile, runRecord } from './branch-files.js';
import { makeOrigin, sh } from './git-fixture.js';

/**
 * Issue 12, item 8: one bad file must not disable history. Sizes are read before contents, a file over the
 * record cap is skipped with a notice, and a push that succeeded is never retried.
 */
const BRANCH = 'carbon-gate-data';

describe('record files over the size cap', () => {
  it('are skipped with a notice (cap lowered by option), the others still read', async () => {
    const { origin, main, clone } = makeOrigin(2);
    const genuine = runRecord(main[1]!, new Date('2025-01-01T00:00:00Z'));
    const junk = 'runs/2025-01-02T00-00-00.000Z-aaaaaaa-junk.json';
    commitFiles(origin, BRANCH, Object.fromEntries([recordFile(genuine), [junk, ' '.repeat(5000)]]));
    const log: string[] = [];
    const h = await loadHistory(clone(), BRANCH, { maxRecordBytes: 4096, log: (m) => log.push(m) });
    expect(h.records.map((r) => r.record.sha)).toEqual([main[1]]);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(junk);
    expect(log[0]).toMatch(/5000 bytes.*4096/);
  });

  it('on append: one try and one commit, the oversize file noticed, the records read back', async () => {
    const { origin, main, clone } = makeOrigin(2);
    // Recent, or the append's retention (400 days) would prune them before the read after the push.
    const genuine = runRecord(main[1]!, new Date(Date.now() - 3_600_000));
    const big = recordPath(new Date(Date.now() - 60_000), 'b'.repeat(40), 'big');
    const seeded = commitFiles(
      origin,
      BRANCH,
      Object.fromEntries([recordFile(genuine), [big, ' '.repeat(5000)]]),
    );
    const now = new Date();
    const log: string[] = [];
    const r = await appendRun({
      workspace: clone(),
      branch: BRANCH,
      record: runRecord(main[1]!, now),
      now,
      retentionDays: 400,
      backoffMs: () => 1,
      maxRecordBytes: 4096,
      log: (m) => log.push(m),
    });
    expect(r.attempts).toBe(1);
    expect(r.records?.map((x) => x.record.createdAt).sort()).toEqual([genuine.createdAt, now.toISOString()]);
    expect(sh(origin, 'rev-list', '--count', `${seeded}..${BRANCH}`)).toBe('1');
    expect(log.join('\n')).not.toMatch(/retrying/);
    expect(log.join('\n')).toContain(big);
  });

  it('the default cap is far below git’s output buffer (a record at the limits fits it: record-limits.test.ts)', () => {
    // The 300 MB blob itself is tested once, through the built Action (test/action/untrusted-history-e2e).
    expect(MAX_RECORD_BYTES).toBeLessThan(GIT_MAX_BUFFER / 8);
  });
});
