import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commitsOf } from '../compaction.js';
import type { DataRepo } from './data-repo.js';

const BOT = 'carbon-gate';
const BOT_EMAIL = '41898282+github-actions[bot]@users.noreply.github.com';

export interface CommitSpec {
  /** The tree to start from (a commit), or null for an empty one. */
  from: string | null;
  /** A file to add (its content), if any. */
  add?: { path: string; content: string };
  /** Paths to delete from the tree. */
  remove: readonly string[];
  /** Parents of the commit: the tip for an append, none for a compacted root. */
  parents: readonly string[];
  message: string;
}

/**
 * One commit built with plumbing in a throwaway index: the data repository is bare and has no work tree,
 * and the user's index is never touched.
 */
export async function writeCommit(repo: DataRepo, spec: CommitSpec): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'carbon-gate-index-'));
  const env = {
    GIT_INDEX_FILE: path.join(scratch, 'index'),
    GIT_AUTHOR_NAME: BOT,
    GIT_AUTHOR_EMAIL: BOT_EMAIL,
    GIT_COMMITTER_NAME: BOT,
    GIT_COMMITTER_EMAIL: BOT_EMAIL,
  };
  try {
    await repo.git(spec.from ? ['read-tree', spec.from] : ['read-tree', '--empty'], { env });
    if (spec.add) {
      const blob = (await repo.git(['hash-object', '-w', '--stdin'], { input: spec.add.content })).trim();
      await repo.git(['update-index', '--add', '--cacheinfo', `100644,${blob},${spec.add.path}`], { env });
    }
    if (spec.remove.length) {
      // Mode 0 removes the entry; --force-remove would need a work tree, and this repository has none.
      const zero = '0'.repeat(40);
      const lines = spec.remove.map((p) => `0 ${zero}\t${p}\0`).join('');
      await repo.git(['update-index', '-z', '--index-info'], { env, input: lines });
    }
    const tree = (await repo.git(['write-tree'], { env })).trim();
    const parents = spec.parents.flatMap((p) => ['-p', p]);
    return (await repo.git(['commit-tree', tree, ...parents], { env, input: spec.message })).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Commits on the branch up to `tip` (compaction.ts): the tip's trailer when the tool wrote it; otherwise
 * (a commit by hand, a branch of an older version) counted, fetching at most `cap` + 1 commits, so the
 * answer is exact up to `cap` and "more than cap" beyond.
 */
export async function commitsUpTo(repo: DataRepo, tip: string, cap: number): Promise<number> {
  const known = commitsOf(await repo.git(['log', '-1', '--format=%B', tip]));
  if (known !== null) return known;
  await repo.git([
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-write-fetch-head',
    `--depth=${cap + 1}`,
    'origin',
    tip,
  ]);
  const counted = Number((await repo.git(['rev-list', '--count', '--first-parent', tip])).trim());
  return Math.min(counted, cap + 1);
}
