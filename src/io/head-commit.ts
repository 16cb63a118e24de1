import { git } from './git.js';

/**
 * The commit a run measured, for the report (`commit`): `git rev-parse HEAD` in `dir`, and the branch when
 * HEAD is on one. Outside a repository (or without git) undefined: the field is optional.
 */
export async function headCommit(dir: string): Promise<{ sha: string; ref?: string } | undefined> {
  try {
    const sha = (await git(['rev-parse', '--verify', 'HEAD'], { cwd: dir })).trim();
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) return undefined;
    const ref = (await git(['symbolic-ref', '--quiet', 'HEAD'], { cwd: dir }).catch(() => '')).trim();
    return { sha, ...(ref.startsWith('refs/') && ref.length <= 300 ? { ref } : {}) };
  } catch {
    return undefined;
  }
}
