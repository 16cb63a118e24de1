import { chmod, lchown, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BaseRevisionError } from '../errors/base-revision-error.js';
import { git } from './git.js';

export interface Worktree {
  /** The checkout of REF. */
  dir: string;
  /** The commit REF resolved to. */
  commit: string;
  /** Where the repository that holds `from` is checked out. */
  repoRoot: string;
}

const trimmed = async (args: string[], cwd: string) => (await git(args, { cwd })).trim();

export interface WorktreeOptions {
  /**
   * Give the checkout to this user (uid, gid) before `use`: the benchmarks run as that user
   * (benchmark-user) and may write into their tree, as they can into the head's checkout.
   */
  owner?: { uid: number; gid: number };
}

/**
 * Runs `use` with a detached worktree of REF from the repository holding `from`, and always removes it
 * afterwards (`git worktree remove --force`, then `prune` in case the directory was already gone), also
 * when `use` throws. A REF git cannot resolve is a BaseRevisionError (exit 2 in the CLI).
 */
export async function withWorktree<T>(
  from: string,
  ref: string,
  use: (wt: Worktree) => Promise<T>,
  opts: WorktreeOptions = {},
): Promise<T> {
  const repoRoot = await trimmed(['rev-parse', '--show-toplevel'], from).catch(() => {
    throw new BaseRevisionError('not-a-repository', ref, `${from} is not inside a git repository`);
  });
  const commit = await trimmed(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repoRoot).catch(
    () => {
      throw new BaseRevisionError('unresolvable', ref, `git cannot resolve "${ref}" to a commit`);
    },
  );
  const parent = await mkdtemp(path.join(os.tmpdir(), 'carbon-gate-ab-'));
  // Traversable, not listable: benchmarks run as another user (benchmark-user) must reach the checkout.
  await chmod(parent, 0o711);
  const dir = path.join(parent, 'base');
  try {
    await git(['worktree', 'add', '--detach', dir, commit], { cwd: repoRoot });
    if (opts.owner) await chownTree(dir, opts.owner);
    return await use({ dir, commit, repoRoot });
  } finally {
    await git(['worktree', 'remove', '--force', dir], { cwd: repoRoot }).catch(() => {});
    await rm(parent, { recursive: true, force: true });
    await git(['worktree', 'prune'], { cwd: repoRoot }).catch(() => {});
  }
}

/**
 * `dir` and everything under it to `owner`, never following a symbolic link (lchown; a link the commit
 * holds is changed itself, not what it points to). The parent stays ours: the user cannot replace `dir`.
 */
async function chownTree(dir: string, owner: { uid: number; gid: number }): Promise<void> {
  await lchown(dir, owner.uid, owner.gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(p, owner);
    else await lchown(p, owner.uid, owner.gid);
  }
}
