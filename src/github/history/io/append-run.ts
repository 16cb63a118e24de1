import { randomBytes } from 'node:crypto';
import { firstIssue } from '../../../gate/report-schema.js';
import {
  compactionDue,
  compactionThreshold,
  DEFAULT_COMPACTION,
  withCommits,
  type CompactionPolicy,
} from '../compaction.js';
import { isRecordPath, recordPath } from '../record-path.js';
import { runRecordSchema, type RunRecord, type StoredRecord } from '../record.js';
import { expiredPaths } from '../retention.js';
import { commitsUpTo, writeCommit } from './branch-commit.js';
import { compactRepo, type CompactResult } from './compact-branch.js';
import { fetchTip, openDataRepo, type DataRepo } from './data-repo.js';
import { listRuns, readRecords } from './read-records.js';

export interface AppendOptions {
  workspace: string;
  branch: string;
  record: RunRecord;
  now: Date;
  retentionDays: number;
  /** Tries of fetch → commit → push before giving up (each lost race costs one). */
  maxAttempts?: number;
  /** Pause before try n (1-based, n ≥ 2), ms; jittered so racing jobs spread out. */
  backoffMs?: (attempt: number) => number;
  log?: (m: string) => void;
  /** For the read after the push (default MAX_RECORD_BYTES; tests lower it). */
  maxRecordBytes?: number;
  /**
   * After the push, compact the branch when its history is over this policy's threshold (compaction.ts),
   * in the same temporary repository; a failed compaction is logged, the record stands. Default: never.
   */
  compact?: CompactionPolicy | false;
}

export interface AppendResult {
  commit: string;
  path: string;
  attempts: number;
  pruned: string[];
  /**
   * Every record on the branch after the push, ours included: the team ledger reads these. null when the
   * push succeeded but the branch could not be read back (logged; the record stands).
   */
  records: StoredRecord[] | null;
  /** Commits on the branch up to ours (the trailer we wrote). */
  commits: number;
  /** The compaction after the push, when `compact` asked for one and it was due (or it failed: null). */
  compaction?: CompactResult | null;
}

const defaultBackoff = (attempt: number) => Math.min(4000, 100 * 2 ** attempt) * (0.5 + Math.random());

/**
 * Appends one run to the data branch of origin: fetch the tip, commit the new record file (and the
 * deletions retention asks for) on top of it, push without force. A push rejected because another job got
 * there first (non-fast-forward) is retried on the new tip; since every run writes its own file the commit
 * is simply re-created, and no record is ever lost. Creates the branch (an orphan) when it is missing.
 *
 * Only fetch, commit and push are retried: once a push succeeded the run is recorded, and reading the
 * branch back (for the ledger) is done once, after the loop; a failure there is logged, never a new commit.
 * A record the readers would refuse (record.ts) is not written at all.
 *
 * Each commit carries the branch's commit count as a trailer (compaction.ts); with `compact`, a history
 * past its threshold is then rewritten as one root (compact-branch.ts), and the records are read from it.
 */
export async function appendRun(opts: AppendOptions): Promise<AppendResult> {
  const valid = runRecordSchema.safeParse(opts.record);
  if (!valid.success) throw new Error(`this run's record is not valid: ${firstIssue(valid.error)}`);
  const file = recordPath(opts.now, opts.record.sha, randomBytes(6).toString('hex'));
  const content = JSON.stringify(opts.record) + '\n';
  const maxAttempts = opts.maxAttempts ?? 12;
  const repo = await openDataRepo(opts.workspace, opts.branch);
  try {
    let pushed: { commit: string; pruned: string[]; attempts: number; commits: number } | undefined;
    let kept = 0;
    for (let attempt = 1; !pushed; attempt++) {
      if (attempt > 1) await sleep((opts.backoffMs ?? defaultBackoff)(attempt));
      try {
        const tip = await fetchTip(repo);
        const made = await commitOn(repo, tip, file, content, opts);
        await repo.git(['push', '--quiet', 'origin', `${made.commit}:refs/heads/${opts.branch}`]);
        pushed = { commit: made.commit, pruned: made.pruned, attempts: attempt, commits: made.commits };
        kept = made.kept;
      } catch (e) {
        if (attempt >= maxAttempts) throw e;
        opts.log?.(`history: try ${attempt} failed (${e instanceof Error ? e.message : e}); retrying`);
      }
    }
    // Our record is dated opts.now: the read must not refuse it whatever this machine's clock says.
    const now = new Date(Math.max(Date.now(), opts.now.getTime()));
    const read = { now, ...(opts.log ? { log: opts.log } : {}), maxRecordBytes: opts.maxRecordBytes };
    const compaction = opts.compact ? await compactAfter(repo, pushed.commits, kept, opts) : undefined;
    const readAt = compaction?.compacted ? compaction.commit : pushed.commit;
    const records = await readRecords(repo, readAt, read).catch((e: unknown) => {
      opts.log?.(
        `history: recorded, but could not read ${opts.branch} back (${e instanceof Error ? e.message : e})`,
      );
      return null;
    });
    return { ...pushed, path: file, records, ...(compaction !== undefined ? { compaction } : {}) };
  } finally {
    await repo.close();
  }
}

/**
 * Our commit on the tip: its tree + our file − expired files, with the commit count as a trailer. Returns
 * the count and the records the new tree keeps (for the compaction decision).
 */
async function commitOn(
  repo: DataRepo,
  tip: string | null,
  file: string,
  content: string,
  opts: AppendOptions,
): Promise<{ commit: string; pruned: string[]; commits: number; kept: number }> {
  const paths = tip ? await listRuns(repo, tip) : [];
  const pruned = expiredPaths(paths, opts.now, opts.retentionDays);
  const kept = paths.filter(isRecordPath).length + 1 - pruned.length;
  const cap = compactionThreshold(kept, opts.compact || DEFAULT_COMPACTION);
  const commits = (tip ? await commitsUpTo(repo, tip, cap) : 0) + 1;
  const subject = `carbon-gate: run ${opts.record.sha.slice(0, 7)} (${opts.record.ref})${pruned.length ? `, prune ${pruned.length}` : ''}`;
  const commit = await writeCommit(repo, {
    from: tip,
    add: { path: file, content },
    remove: pruned,
    parents: tip ? [tip] : [],
    message: withCommits(subject, commits),
  });
  return { commit, pruned, commits, kept };
}

/** The compaction after an append, when due; its failure is only logged (null): the record is pushed. */
async function compactAfter(
  repo: DataRepo,
  commits: number,
  kept: number,
  opts: AppendOptions,
): Promise<CompactResult | undefined | null> {
  const policy = opts.compact || DEFAULT_COMPACTION;
  if (!compactionDue(commits, kept, policy)) return undefined;
  try {
    const r = await compactRepo(repo, {
      now: opts.now,
      retentionDays: opts.retentionDays,
      policy,
      ...(opts.log ? { log: opts.log } : {}),
    });
    if (r.compacted)
      opts.log?.(
        `history: compacted ${opts.branch}: ${r.commitsBefore ?? 'its'} commits to one root of ${r.kept} records`,
      );
    return r;
  } catch (e) {
    opts.log?.(`history: could not compact ${opts.branch} (${e instanceof Error ? e.message : e})`);
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
