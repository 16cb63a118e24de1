import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a file a user (or a pull request's config) names really is, for the files carbon-gate reads and
 * may show: a comment template, a power profile. Symlinks are resolved, so a link committed in the
 * repository cannot point at /etc/passwd or at `.git/config`, where actions/checkout leaves the token.
 */
export type Placement = { ok: true; real: string } | { ok: false; why: 'outside' | 'git'; real: string };

/** The real path of `p`; for a missing file, the real path of its nearest existing ancestor + the rest. */
export function realPathOrNearest(p: string): string {
  const rest: string[] = [];
  let current = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    const parent = path.dirname(current);
    if (parent === current) return path.resolve(p);
    rest.unshift(path.basename(current));
    current = parent;
  }
}

/** True when a segment of `p` is a `.git` directory or file (any case: case-insensitive file systems). */
export function inGitDir(p: string): boolean {
  return p.split(/[\\/]/).some((segment) => segment.toLowerCase() === '.git');
}

/**
 * `file` is placed inside `root`'s tree (both with symlinks resolved) and not in a `.git` directory below
 * `root`. A missing file is judged by its nearest existing ancestor, so a symlinked directory on its path
 * still counts. Callers read `real`, the path that was judged.
 */
export function placeInside(file: string, root: string): Placement {
  const realRoot = realPathOrNearest(root);
  const real = realPathOrNearest(file);
  const relative = path.relative(realRoot, real);
  if (relative === '') return { ok: true, real };
  if (path.isAbsolute(relative) || relative.split(/[\\/]/)[0] === '..')
    return { ok: false, why: 'outside', real };
  if (inGitDir(relative)) return { ok: false, why: 'git', real };
  return { ok: true, real };
}
