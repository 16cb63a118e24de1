import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  commitsOf,
  compactionDue,
  compactionThreshold,
  withCommits,
} from '../../src/github/history/compaction.js';
import { appendRun, type AppendOptions } from '../../src/github/history/io/append-run.js';
import { compactBranch } from '../../src/github/history/io/compact-branch.js';
import { loadHistory } from '../../src/github/history/io/load-history.js';
import { commitFiles, recordFile } from './history/branch-files.js';
import { fakeRecord, makeOrigin, sh } from './history/git-fixture.js';

const BRANCH = 'carbon-gate-data';
const files = (origin: string) =>
  sh(origin, 'ls-tree', '-r', '--name-only', BRANCH).split('\n').filter(Boolean);
const commitCount = (origin: string) => Number(sh(origin, 'rev-list', '--count', BRANCH));
const fast = { maxAttempts: 40, backoffMs: () => 10 + Math.random() * 60 };

/** One run of commit `sha` recorded at `now` (400 days kept unless `more` says otherwise). */
const append = (workspace: string, sha: string, now: Date, more: Partial<AppendOptions> = {}) =>
  appendRun({ workspace, branch: BRANCH, record: fakeRecord(sha, now), now, retentionDays: 400, ...more });

/**
 * A pre-receive hook in origin that runs `body` once, on the first push (a marker file remembers it):
 * "someone else" moving the branch between a writer's fetch and its push. Its objects and ref update
 * are made outside the push's quarantine, so they stand whether the push is accepted or refused.
 */
function onFirstPush(origin: string, body: string): void {
  const hook = path.join(origin, 'hooks', 'pre-receive');
  writeFileSync(
    hook,
    `#!/bin/sh
cat >/dev/null
[ -e "$GIT_DIR/hook-ran" ] && exit 0
touch "$GIT_DIR/hook-ran"
unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
export GIT_AUTHOR_NAME=h GIT_AUTHOR_EMAIL=h@example.test GIT_COMMITTER_NAME=h GIT_COMMITTER_EMAIL=h@example.test
${body}
`,
  );
  chmodSync(hook, 0o755);
}

describe('compaction policy (pure)', () => {
  it.each([
    // commits, retained, due with the default policy (500 commits at least, else 1 per retained record)
    [500, 10, false],
    [501, 10, true],
    [1000, 1000, false],
    [1001, 1000, true],
    [5000, 1000, true],
  ])('%i commits holding %i records: due %s', (commits, retained, due) => {
    expect(compactionDue(commits, retained)).toBe(due);
  });

  it('the threshold scales with the records kept; the trailer round-trips and is not the subject', () => {
    expect(compactionThreshold(2000, { minCommits: 100, perRetained: 0.5 })).toBe(1000);
    const message = withCommits('carbon-gate: run abc1234 (refs/heads/main)', 42);
    expect(message.split('\n')[0]).toBe('carbon-gate: run abc1234 (refs/heads/main)');
    expect(commitsOf(message)).toBe(42);
    expect(commitsOf('by hand')).toBeNull();
    expect(commitsOf('x\n\nCarbon-Gate-Commits: 12abc\n')).toBeNull();
  });
});

describe('compaction (real git, bare origin)', () => {
  it('an append past the threshold rewrites the branch as one root of the retained records', async () => {
    const { root, origin, main, clone } = makeOrigin(1);
    const ws = clone();
    const policy = { minCommits: 4, perRetained: 1 };
    const day = (d: number) => new Date(Date.UTC(2025, 0, 1 + d));
    const written: string[] = [];
    const results = [];
    for (let d = 0; d < 6; d++) {
      const r = await append(ws, main[0]!, day(d * 20), { retentionDays: 31, compact: policy });
      written.push(r.path);
      results.push(r);
    }
    // Day 0, 20, 40, 60, 80, 100 with 31 days kept: each append keeps its own and the previous record.
    expect(results.map((r) => r.commits)).toEqual([1, 2, 3, 4, 5, 2]);
    const compaction = results[4]!.compaction;
    expect(compaction).toMatchObject({ compacted: true, kept: 2, commitsBefore: 5, attempts: 1 });
    expect(results.slice(0, 4).every((r) => r.compaction === undefined)).toBe(true);
    expect(commitCount(origin)).toBe(2); // the root, then the sixth run on it
    expect(sh(origin, 'log', '--format=%s', `${BRANCH}~1`)).toBe(
      'carbon-gate: compact 5 commits to 2 records',
    );
    expect(files(origin)).toEqual(written.slice(4));
    expect(results[5]!.records!.map((r) => r.path)).toEqual(written.slice(4));
    // A fresh single-branch clone holds only what was retained at the compaction (runs 4 and 5: run 4 is
    // pruned by the sixth append) and what came after; runs 1-3 are not downloaded.
    const fresh = path.join(root, 'fresh');
    sh(root, 'clone', '--quiet', '--bare', '--single-branch', '--branch', BRANCH, `file://${origin}`, fresh);
    const blobs = sh(fresh, 'rev-list', '--objects', '--all')
      .split('\n')
      .filter((l) => l.includes(' runs/'));
    expect(blobs.map((l) => l.split(' ')[1]).sort()).toEqual(written.slice(3));
    rmSync(root, { recursive: true, force: true });
  });

  it('a branch without the trailer (by hand, older versions) is counted by fetching', async () => {
    const { root, origin, main, clone } = makeOrigin(1);
    const ws = clone();
    const now = new Date();
    await append(ws, main[0]!, now);
    for (let i = 0; i < 3; i++) commitFiles(origin, BRANCH, { [`notes${i}.txt`]: `${i}\n` });
    const r = await append(ws, main[0]!, now);
    expect(r.commits).toBe(5);
    expect(commitsOf(sh(origin, 'log', '-1', '--format=%B', BRANCH))).toBe(5);
    const forced = await compactBranch(ws, BRANCH, { now, retentionDays: 400, force: true });
    expect(forced).toMatchObject({ compacted: true, kept: 2, pruned: [] });
    expect(commitCount(origin)).toBe(1);
    expect(files(origin)).toEqual([
      'notes0.txt',
      'notes1.txt',
      'notes2.txt',
      ...r.records!.map((x) => x.path),
    ]);
    const notDue = await compactBranch(ws, BRANCH, { now, retentionDays: 400 });
    expect(notDue).toEqual({ compacted: false, why: '1 commits, not over 500' });
    rmSync(root, { recursive: true, force: true });
  });

  it('an append whose push races a compaction is re-applied on the new root', async () => {
    const { root, origin, main, clone } = makeOrigin(1);
    const ws = clone();
    const now = new Date();
    const first = await append(ws, main[0]!, now);
    // Between the next writer's fetch and its push, someone compacts the branch to a new root.
    onFirstPush(
      origin,
      `root=$(git commit-tree "refs/heads/${BRANCH}^{tree}" -m compacted) && git update-ref refs/heads/${BRANCH} "$root"`,
    );
    const logs: string[] = [];
    const second = await append(ws, main[0]!, now, { log: (m) => logs.push(m), ...fast });
    expect(second.attempts).toBe(2);
    expect(logs[0]).toMatch(/try 1 failed/);
    expect(commitCount(origin)).toBe(2); // the hook's root, then ours on it: the old history is gone
    expect(sh(origin, 'log', '--format=%s', `${BRANCH}~1`)).toBe('compacted');
    expect(files(origin)).toEqual([first.path, second.path].sort());
    rmSync(root, { recursive: true, force: true });
  });

  it("a compaction whose lease fails reads the tip again and keeps the concurrent writer's record", async () => {
    const { root, origin, main, clone } = makeOrigin(1);
    const ws = clone();
    const now = new Date();
    const first = await append(ws, main[0]!, now);
    // Between the compaction's fetch and its push, another job appends a record on the old tip.
    const [theirs, content] = recordFile(fakeRecord(main[0]!, now));
    writeFileSync(path.join(root, 'theirs.json'), content);
    onFirstPush(
      origin,
      `idx="$GIT_DIR/hook-index"; tip=$(git rev-parse refs/heads/${BRANCH})
blob=$(git hash-object -w "${path.join(root, 'theirs.json')}")
GIT_INDEX_FILE="$idx" git read-tree "$tip" && GIT_INDEX_FILE="$idx" git update-index --add --cacheinfo "100644,$blob,${theirs}"
tree=$(GIT_INDEX_FILE="$idx" git write-tree) && rm -f "$idx"
git update-ref refs/heads/${BRANCH} "$(git commit-tree "$tree" -p "$tip" -m theirs)" "$tip"`,
    );
    const logs: string[] = [];
    const r = await compactBranch(ws, BRANCH, {
      now,
      retentionDays: 400,
      force: true,
      log: (m) => logs.push(m),
      ...fast,
    });
    expect(r).toMatchObject({ compacted: true, kept: 2, attempts: 2 });
    expect(logs[0]).toMatch(/compaction try 1 lost a race/);
    expect(commitCount(origin)).toBe(1);
    expect(files(origin)).toEqual([first.path, theirs].sort());
    rmSync(root, { recursive: true, force: true });
  });

  it('a branch that refuses force pushes: the append stands, the compaction gives up at once', async () => {
    const { root, origin, main, clone } = makeOrigin(1);
    sh(origin, 'config', 'receive.denyNonFastForwards', 'true');
    const ws = clone();
    const now = new Date();
    const policy = { minCommits: 1, perRetained: 0 };
    await append(ws, main[0]!, now, { compact: policy });
    const logs: string[] = [];
    const r = await append(ws, main[0]!, now, { compact: policy, log: (m) => logs.push(m) });
    expect(r.compaction).toBeNull();
    expect(r.records).toHaveLength(2);
    expect(logs.filter((l) => l.includes('compaction try'))).toEqual([]);
    expect(logs.at(-1)).toMatch(/^history: could not compact carbon-gate-data \(git push failed/);
    expect(commitCount(origin)).toBe(2);
    rmSync(root, { recursive: true, force: true });
  });

  it('no record lost: six writers append while compactions rewrite the branch', async () => {
    const { root, origin, main, clone } = makeOrigin(1);
    const now = new Date();
    const old = new Date(now.getTime() - 40 * 86_400_000);
    const seed = clone();
    const expired = await append(seed, main[0]!, old);
    const keptEarly = await append(seed, main[0]!, now);
    let writing = true;
    const compactions: { compacted: boolean }[] = [];
    const compactor = (async () => {
      const ws = clone();
      while (writing) {
        // Forced: every pass rewrites the branch, so the writers keep racing rewrites.
        compactions.push(await compactBranch(ws, BRANCH, { now, retentionDays: 31, force: true, ...fast }));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const writers = Array.from({ length: 6 }, async (_, w) => {
      const ws = clone({ shallow: w % 2 === 0 });
      const paths: string[] = [];
      let attempts = 0;
      for (let i = 0; i < 2; i++) {
        const record = fakeRecord(main[0]!, now, w * 10 + i + 1);
        const r = await append(ws, main[0]!, now, { record, retentionDays: 31, ...fast });
        paths.push(r.path);
        attempts += r.attempts;
      }
      return { paths, attempts };
    });
    const done = await Promise.all(writers);
    writing = false;
    await compactor;
    const written = done.flatMap((d) => d.paths);
    expect(written).toHaveLength(12);
    expect(compactions.filter((c) => c.compacted).length).toBeGreaterThan(0);
    // Every record written is on the branch; only the one past retention (40 days, 31 kept) is dropped.
    const onBranch = files(origin);
    expect(onBranch).toEqual([keptEarly.path, ...written].sort());
    expect(onBranch).not.toContain(expired.path);
    const read = await loadHistory(clone(), BRANCH);
    expect(read.records).toHaveLength(13);
    expect(done.reduce((s, d) => s + d.attempts, 0)).toBeGreaterThan(12); // the writers did race
    rmSync(root, { recursive: true, force: true });
  });
});
