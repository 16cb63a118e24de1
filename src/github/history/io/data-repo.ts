import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { git, gitBytes, GitError } from '../../../io/git.js';

/**
 * A bare temporary repository whose `origin` is the workspace's: the data branch is fetched, built and
 * pushed here, so the user's checkout, index, refs and FETCH_HEAD are never touched.
 */
export interface DataRepo {
  dir: string;
  branch: string;
  git(args: readonly string[], opts?: { input?: string; env?: Record<string, string> }): Promise<string>;
  bytes(args: readonly string[], opts?: { input?: string }): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openDataRepo(workspace: string, branch: string): Promise<DataRepo> {
  const url = (await git(['remote', 'get-url', 'origin'], { cwd: workspace })).trim();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'carbon-gate-data-'));
  const run: DataRepo['git'] = (args, o = {}) => git(args, { cwd: dir, ...o });
  try {
    await run(['init', '--bare', '--quiet']);
    // A relative path is relative to the workspace, not to the temporary repository.
    const resolved = /^[a-z][a-z0-9+.-]*:|^[^/]+@[^/]+:/i.test(url) ? url : path.resolve(workspace, url);
    await run(['remote', 'add', 'origin', resolved]);
    for (const [key, value] of await credentialHeaders(workspace)) {
      await run(['config', '--add', key, value]);
    }
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const bytes: DataRepo['bytes'] = (args, o = {}) => gitBytes(args, { cwd: dir, ...o });
  return { dir, branch, git: run, bytes, close: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * actions/checkout authenticates with an `http.<url>.extraheader` in the workspace's git config (or a file
 * it includes); the temporary repository gets the same entries, in its own config, deleted with it.
 */
async function credentialHeaders(workspace: string): Promise<[string, string][]> {
  try {
    const out = await git(['config', '--includes', '--null', '--get-regexp', '^http\\..*\\.extraheader$'], {
      cwd: workspace,
    });
    return out
      .split('\0')
      .filter(Boolean)
      .map((entry) => {
        const nl = entry.indexOf('\n');
        return [entry.slice(0, nl), entry.slice(nl + 1)] as [string, string];
      });
  } catch (e) {
    if (e instanceof GitError && e.code === 1) return []; // none set
    throw e;
  }
}

/** The branch tip on origin, fetched (depth 1: only the tip's tree is read); null when the branch does not exist. */
export async function fetchTip(repo: DataRepo): Promise<string | null> {
  const ref = `refs/heads/${repo.branch}`;
  try {
    await repo.git(['ls-remote', '--exit-code', '--heads', 'origin', ref]);
  } catch (e) {
    if (e instanceof GitError && e.code === 2) return null; // exit 2: no such ref
    throw e;
  }
  const local = `refs/remotes/origin/${repo.branch}`;
  await repo.git(['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', `+${ref}:${local}`]);
  return (await repo.git(['rev-parse', '--verify', `${local}^{commit}`])).trim();
}
