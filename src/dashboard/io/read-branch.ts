import { loadHistory } from '../../github/history/io/load-history.js';
import { readRecords } from '../../github/history/io/read-records.js';
import type { DataRepo } from '../../github/history/io/data-repo.js';
import type { StoredRecord } from '../../github/history/record.js';
import { git, gitBytes, GitError } from '../../io/git.js';

export interface BranchHistory {
  /** false when the branch is neither in the repository nor on its origin. */
  exists: boolean;
  records: StoredRecord[];
  /** Where it was read: the repository's own branch, or origin's. */
  from: 'local' | 'origin';
}

/**
 * The data branch of the git repository at `repoDir`, read with the history reader the Action uses
 * (read-records.ts: sizes first, bounded batches, every record checked). A local branch of that name is
 * read in place (a bare mirror, or the branch fetched by hand); else origin's is fetched into a temporary
 * bare repository, as the Action does (load-history.ts), so the repository itself is never changed.
 */
export async function readBranch(
  repoDir: string,
  branch: string,
  opts: { now: Date; log: (m: string) => void },
): Promise<BranchHistory> {
  const tip = await localTip(repoDir, branch);
  if (tip) {
    const repo: DataRepo = {
      dir: repoDir,
      branch,
      git: (args, o = {}) => git(args, { cwd: repoDir, ...o }),
      bytes: (args, o = {}) => gitBytes(args, { cwd: repoDir, ...o }),
      close: async () => {},
    };
    return { exists: true, records: await readRecords(repo, tip, opts), from: 'local' };
  }
  const h = await loadHistory(repoDir, branch, opts);
  return { ...h, from: 'origin' };
}

async function localTip(repoDir: string, branch: string): Promise<string | null> {
  try {
    const out = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], {
      cwd: repoDir,
    });
    return out.trim() || null;
  } catch (e) {
    if (e instanceof GitError && e.code === 1) return null; // --quiet: exit 1, no such branch
    throw e;
  }
}
