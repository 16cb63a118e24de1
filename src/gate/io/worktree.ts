import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../../errors/usage-error.js';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

export interface Worktree {
  /** The checkout of REF. */
  dir: string;
  /** The commit REF resolved to. */
  commit: string;
  /** Where the repository that holds `from` is checked out. */
  repoRoot: string;
}

/**
 * Runs `use` with a detached worktree of REF from the repository holding `from`, and always removes it
 * afterwards (`git worktree remove --force`, then `prune` in case the directory was already gone), also
 * when `use` throws. A REF git cannot resolve is a usage error (exit 2).
 */
export async function withWorktree<T>(
  from: string,
  ref: string,
  use: (wt: Worktree) => Promise<T>,
): Promise<T> {
  const repoRoot = await git(from, ['rev-parse', '--show-toplevel']).catch(() => {
    throw new UsageError(`--ab ${ref}: ${from} is not inside a git repository`);
  });
  const commit = await git(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => {
    throw new UsageError(`--ab ${ref}: git cannot resolve "${ref}" to a commit`);
  });
  const parent = await mkdtemp(path.join(os.tmpdir(), 'carbon-gate-ab-'));
  const dir = path.join(parent, 'base');
  try {
    await git(repoRoot, ['worktree', 'add', '--detach', dir, commit]);
    return await use({ dir, commit, repoRoot });
  } finally {
    await git(repoRoot, ['worktree', 'remove', '--force', dir]).catch(() => {});
    await rm(parent, { recursive: true, force: true });
    await git(repoRoot, ['worktree', 'prune']).catch(() => {});
  }
}
