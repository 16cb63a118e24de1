import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { firstIssue } from '../../../gate/report-schema.js';
import { recordPath } from '../record-path.js';
import { runRecordSchema, type RunRecord, type StoredRecord } from '../record.js';
import { expiredPaths } from '../retention.js';
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
 */
export async function appendRun(opts: AppendOptions): Promise<AppendResult> {
  const valid = runRecordSchema.safeParse(opts.record);
  if (!valid.success) throw new Error(`this run's record is not valid: ${firstIssue(valid.error)}`);
  const file = recordPath(opts.now, opts.record.sha, randomBytes(6).toString('hex'));
  const content = JSON.stringify(opts.record) + '\n';
  const maxAttempts = opts.maxAttempts ?? 12;
  const repo = await openDataRepo(opts.workspace, opts.branch);
  try {
    let pushed: { commit: string; pruned: string[]; attempts: number } | undefined;
    for (let attempt = 1; !pushed; attempt++) {
      if (attempt > 1) await sleep((opts.backoffMs ?? defaultBackoff)(attempt));
      try {
        const tip = await fetchTip(repo);
        const { commit, pruned } = await commitOn(repo, tip, file, content, opts);
        await repo.git(['push', '--quiet', 'origin', `${commit}:refs/heads/${opts.branch}`]);
        pushed = { commit, pruned, attempts: attempt };
      } catch (e) {
        if (attempt >= maxAttempts) throw e;
        opts.log?.(`history: try ${attempt} failed (${e instanceof Error ? e.message : e}); retrying`);
      }
    }
    // Our record is dated opts.now: the read must not refuse it whatever this machine's clock says.
    const now = new Date(Math.max(Date.now(), opts.now.getTime()));
    const read = { now, ...(opts.log ? { log: opts.log } : {}), maxRecordBytes: opts.maxRecordBytes };
    const records = await readRecords(repo, pushed.commit, read).catch((e: unknown) => {
      opts.log?.(
        `history: recorded, but could not read ${opts.branch} back (${e instanceof Error ? e.message : e})`,
      );
      return null;
    });
    return { ...pushed, path: file, records };
  } finally {
    await repo.close();
  }
}

/** One commit: the tip's tree (or nothing) + our file − expired files, built in a throwaway index. */
async function commitOn(
  repo: DataRepo,
  tip: string | null,
  file: string,
  content: string,
  opts: AppendOptions,
): Promise<{ commit: string; pruned: string[] }> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'carbon-gate-index-'));
  const env = {
    GIT_INDEX_FILE: path.join(scratch, 'index'),
    GIT_AUTHOR_NAME: 'carbon-gate',
    GIT_AUTHOR_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
    GIT_COMMITTER_NAME: 'carbon-gate',
    GIT_COMMITTER_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
  };
  try {
    await repo.git(tip ? ['read-tree', tip] : ['read-tree', '--empty'], { env });
    const blob = (await repo.git(['hash-object', '-w', '--stdin'], { input: content })).trim();
    await repo.git(['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], { env });
    const pruned = tip ? expiredPaths(await listRuns(repo, tip), opts.now, opts.retentionDays) : [];
    if (pruned.length) {
      // Mode 0 removes the entry; --force-remove would need a work tree, and this repository has none.
      const zero = '0'.repeat(40);
      const lines = pruned.map((p) => `0 ${zero}\t${p}\0`).join('');
      await repo.git(['update-index', '-z', '--index-info'], { env, input: lines });
    }
    const tree = (await repo.git(['write-tree'], { env })).trim();
    const message = `carbon-gate: run ${opts.record.sha.slice(0, 7)} (${opts.record.ref})${pruned.length ? `, prune ${pruned.length}` : ''}`;
    const parents = tip ? ['-p', tip] : [];
    const commit = (await repo.git(['commit-tree', tree, ...parents, '-m', message], { env })).trim();
    return { commit, pruned };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
