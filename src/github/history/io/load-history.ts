import type { StoredRecord } from '../record.js';
import { fetchTip, openDataRepo } from './data-repo.js';
import { readRecords } from './read-records.js';

/** Every record on the data branch of origin; `exists: false` when the branch is not there yet. */
export async function loadHistory(
  workspace: string,
  branch: string,
): Promise<{ exists: boolean; records: StoredRecord[] }> {
  const repo = await openDataRepo(workspace, branch);
  try {
    const tip = await fetchTip(repo);
    return tip ? { exists: true, records: await readRecords(repo, tip) } : { exists: false, records: [] };
  } finally {
    await repo.close();
  }
}
