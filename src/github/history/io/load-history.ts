import type { StoredRecord } from '../record.js';
import { fetchTip, openDataRepo } from './data-repo.js';
import { readRecords, type ReadOptions } from './read-records.js';

/**
 * Every valid record on the data branch of origin; `exists: false` when the branch is not there yet. Files
 * that are too large, invalid or dated after this run are skipped, each with a line to `opts.log`.
 */
export async function loadHistory(
  workspace: string,
  branch: string,
  opts: ReadOptions = {},
): Promise<{ exists: boolean; records: StoredRecord[] }> {
  const repo = await openDataRepo(workspace, branch);
  try {
    const tip = await fetchTip(repo);
    return tip
      ? { exists: true, records: await readRecords(repo, tip, opts) }
      : { exists: false, records: [] };
  } finally {
    await repo.close();
  }
}
