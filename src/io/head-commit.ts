import { commitField } from '../report/schema.js';
import type { Report } from '../report/types.js';
import { git } from './git.js';

/**
 * The commit a run measured, for the report (`commit`): `git rev-parse HEAD` in `dir`, and the branch when
 * HEAD is on one. Outside a repository (or without git) undefined: the field is optional.
 */
export async function headCommit(dir: string): Promise<Report['commit']> {
  try {
    const sha = (await git(['rev-parse', '--verify', 'HEAD'], { cwd: dir })).trim();
    const ref = (await git(['symbolic-ref', '--quiet', 'HEAD'], { cwd: dir }).catch(() => '')).trim();
    return commitField(sha, ref.startsWith('refs/') ? ref : undefined);
  } catch {
    return undefined;
  }
}
