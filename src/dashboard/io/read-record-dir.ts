import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { RUNS_DIR } from '../../github/history/record-path.js';
import type { StoredRecord } from '../../github/history/record.js';
import {
  acceptRecord,
  selectRunFiles,
  skipNotices,
  type Skip,
} from '../../github/history/record-selection.js';

/**
 * Every valid record in a folder: a checkout of the data branch (its runs/ is read) or a folder of record
 * files. Selected and accepted as the branch reader does (record-selection.ts): only regular files (a link
 * could point anywhere) named as the tool names records, none over the record cap, at most
 * MAX_HISTORY_BYTES in all (newest kept), each checked by record.ts, dated no later than `now` and at the
 * time its name carries; anything else is skipped with a line to `log`.
 */
export async function readRecordDir(
  dir: string,
  opts: { now: Date; log: (m: string) => void },
): Promise<StoredRecord[]> {
  const nested = path.join(dir, RUNS_DIR);
  const runs = (await lstat(nested).catch(() => null))?.isDirectory() ? nested : dir;
  const files = [];
  for (const e of await readdir(runs, { withFileTypes: true })) {
    if (!e.name.endsWith('.json')) continue;
    const size = e.isFile() ? (await lstat(path.join(runs, e.name))).size : 0;
    files.push({ path: `${RUNS_DIR}/${e.name}`, size, regular: e.isFile(), name: e.name });
  }
  const selected = selectRunFiles(files);
  const skipped: Skip[] = [...selected.skipped];
  const records: StoredRecord[] = [];
  for (const f of selected.read) {
    const accepted = acceptRecord(f.path, await readFile(path.join(runs, f.name), 'utf8'), opts.now);
    if (accepted.ok) records.push({ path: f.path, record: accepted.record });
    else skipped.push({ path: f.path, why: accepted.why });
  }
  for (const line of skipNotices(skipped, selected.overBudget)) opts.log(line);
  return records;
}
