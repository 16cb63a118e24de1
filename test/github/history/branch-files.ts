import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordPath } from '../../../src/github/history/record-path.js';
import { toRunRecord, type RunRecord } from '../../../src/github/history/record.js';

/** A file to commit: text, or `zeros` bytes of NUL (a big blob, made by git without holding it in memory). */
export type BranchFile = string | { zeros: number };

const ENV = {
  GIT_AUTHOR_NAME: 'hand',
  GIT_AUTHOR_EMAIL: 'hand@example.test',
  GIT_COMMITTER_NAME: 'hand',
  GIT_COMMITTER_EMAIL: 'hand@example.test',
};

/**
 * Commits `files` onto `branch` of the bare repository `origin` with plumbing (no checkout, no push): what
 * a hand edit, another tool or someone with write access could put on the data branch. Creates the branch
 * when missing. Returns the new commit.
 */
export function commitFiles(origin: string, branch: string, files: Record<string, BranchFile>): string {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cg-hand-'));
  const env = { ...process.env, ...ENV, GIT_INDEX_FILE: path.join(scratch, 'index') };
  const git = (args: string[], input?: string) =>
    execFileSync('git', args, { cwd: origin, env, encoding: 'utf8', input }).trim();
  try {
    let tip: string | null = null;
    try {
      tip = git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
    } catch {
      tip = null;
    }
    git(tip ? ['read-tree', tip] : ['read-tree', '--empty']);
    for (const [file, content] of Object.entries(files)) {
      const blob =
        typeof content === 'string'
          ? git(['hash-object', '-w', '--stdin'], content)
          : execFileSync('sh', ['-c', `head -c ${content.zeros} /dev/zero | git hash-object -w --stdin`], {
              cwd: origin,
              env,
              encoding: 'utf8',
            }).trim();
      git(['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`]);
    }
    const tree = git(['write-tree']);
    const commit = git(['commit-tree', tree, ...(tip ? ['-p', tip] : []), '-m', 'by hand']);
    git(['update-ref', `refs/heads/${branch}`, commit]);
    return commit;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A record as the tool writes it: one benchmark `tiny`, three repeats of `energyJ` J and `co2eG` g each. */
export function runRecord(
  sha: string,
  now: Date,
  opts: { energyJ?: number; co2eG?: number; runId?: string; benchmarks?: number } = {},
): RunRecord {
  const energyJ = opts.energyJ ?? 10;
  const co2eG = opts.co2eG ?? 1;
  const samples = [1, 2, 3].map(() => ({ status: 'ok' as const, energyJ, co2eG, durationS: 0.1 }));
  const n = opts.benchmarks ?? 1;
  const benchmarks = Array.from({ length: n }, (_, i) => ({
    name: n === 1 ? 'tiny' : `b${i}`,
    status: 'pass' as const,
    samples,
  }));
  return toRunRecord(
    {
      createdAt: now.toISOString(),
      config: 'carbon-gate.yml',
      totals: { energyJ: energyJ * n, co2eG: co2eG * n },
      benchmarks,
    },
    { sha, ref: 'refs/heads/main', runId: opts.runId ?? '7', now },
  );
}

/** The file name the tool would give `record`, and its content. */
export function recordFile(record: RunRecord, at = new Date(record.createdAt)): [string, string] {
  const random = Math.random().toString(36).slice(2, 10) || 'r';
  return [recordPath(at, record.sha, random), JSON.stringify(record) + '\n'];
}
