import { GitError } from '../../../io/git.js';
import {
  compactionDue,
  compactionMessage,
  compactionThreshold,
  DEFAULT_COMPACTION,
  type CompactionPolicy,
} from '../compaction.js';
import { isRecordPath } from '../record-path.js';
import { expiredPaths } from '../retention.js';
import { commitsUpTo, writeCommit } from './branch-commit.js';
import { fetchTip, openDataRepo, type DataRepo } from './data-repo.js';
import { listRuns } from './read-records.js';

export interface CompactOptions {
  now: Date;
  retentionDays: number;
  /** When to compact (compaction.ts); `force: true` compacts whatever the count. */
  policy?: CompactionPolicy;
  force?: boolean;
  /** Tries of fetch → commit → push with lease (each concurrent append in between costs one). */
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  log?: (m: string) => void;
}

export type CompactResult =
  | { compacted: false; why: string }
  | {
      compacted: true;
      /** The new root, now the branch's tip. */
      commit: string;
      /** The tip it replaced (the lease). */
      replaced: string;
      kept: number;
      pruned: string[];
      /** Commits up to the replaced tip (counted up to the threshold + 1); null when forced and not counted. */
      commitsBefore: number | null;
      attempts: number;
    };

const defaultBackoff = (attempt: number) => Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random());

/**
 * Rewrites the data branch of `repo`'s origin as one root commit holding the tip's tree minus expired
 * records, pushed with `--force-with-lease=<branch>:<tip read>`. Whoever appended since the read makes the
 * lease fail: the tip is read again, so their record is in the next try's tree. Whoever appends on the old
 * tip after the rewrite has their push refused as a non-fast-forward, and appendRun retries it on the new
 * root. Either way no record is lost; only expired ones are dropped, as an append would drop them.
 */
export async function compactRepo(repo: DataRepo, opts: CompactOptions): Promise<CompactResult> {
  const ref = `refs/heads/${repo.branch}`;
  const maxAttempts = opts.maxAttempts ?? 12;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await sleep((opts.backoffMs ?? defaultBackoff)(attempt));
    const tip = await fetchTip(repo);
    if (!tip) return { compacted: false, why: `${repo.branch} does not exist` };
    const paths = await listRuns(repo, tip);
    const pruned = expiredPaths(paths, opts.now, opts.retentionDays);
    const kept = paths.filter(isRecordPath).length - pruned.length;
    const threshold = compactionThreshold(kept, opts.policy ?? DEFAULT_COMPACTION);
    const commitsBefore = opts.force ? null : await commitsUpTo(repo, tip, threshold);
    if (commitsBefore !== null && !compactionDue(commitsBefore, kept, opts.policy ?? DEFAULT_COMPACTION))
      return { compacted: false, why: `${commitsBefore} commits, not over ${threshold}` };
    const message = compactionMessage(kept, pruned.length, commitsBefore);
    const commit = await writeCommit(repo, { from: tip, remove: pruned, parents: [], message });
    try {
      await repo.git(['push', '--quiet', `--force-with-lease=${ref}:${tip}`, 'origin', `${commit}:${ref}`]);
      return { compacted: true, commit, replaced: tip, kept, pruned, commitsBefore, attempts: attempt };
    } catch (e) {
      // Only a moved tip is a lost race worth another try; a tip still at the lease means the push was
      // refused (a protected branch that forbids force pushes, no permission): give up at once.
      if (attempt >= maxAttempts || !(e instanceof GitError) || (await fetchTip(repo)) === tip) throw e;
      opts.log?.(`history: compaction try ${attempt} lost a race (${e.message}); reading the tip again`);
    }
  }
}

/** compactRepo on the data branch of the workspace's origin, in a temporary repository of its own. */
export async function compactBranch(
  workspace: string,
  branch: string,
  opts: CompactOptions,
): Promise<CompactResult> {
  const repo = await openDataRepo(workspace, branch);
  try {
    return await compactRepo(repo, opts);
  } finally {
    await repo.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
