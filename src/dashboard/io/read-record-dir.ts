import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_HISTORY_BYTES } from '../../github/history/io/read-records.js';
import { isRecordPath, namedAt, RUNS_DIR, shownName } from '../../github/history/record-path.js';
import { checkRecord, MAX_RECORD_BYTES, type StoredRecord } from '../../github/history/record.js';

const MAX_SKIP_LINES = 20;

/**
 * Every valid record in a folder: a checkout of the data branch (its runs/ is read) or a folder of record
 * files. Read as the branch reader does (read-records.ts): only regular files (a link could point anywhere)
 * named as the tool names records, none over the record cap, at most MAX_HISTORY_BYTES in all (newest
 * kept), each checked by record.ts, dated no later than `now` and at the time its name carries; anything
 * else is skipped with a line to `log`.
 */
export async function readRecordDir(
  dir: string,
  opts: { now: Date; log: (m: string) => void },
): Promise<StoredRecord[]> {
  const nested = path.join(dir, RUNS_DIR);
  const runs = (await lstat(nested).catch(() => null))?.isDirectory() ? nested : dir;
  let skipped = 0;
  const skip = (p: string, why: string) => {
    if (++skipped <= MAX_SKIP_LINES) opts.log(`history: skipped ${shownName(p)}: ${why}`);
  };
  const names = (await readdir(runs, { withFileTypes: true }))
    .filter((e) => e.name.endsWith('.json'))
    .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0)); // newest first
  let budget = MAX_HISTORY_BYTES;
  let overBudget = 0;
  const records: StoredRecord[] = [];
  for (const e of names) {
    const rel = `${RUNS_DIR}/${e.name}`;
    if (!isRecordPath(rel)) {
      skip(rel, 'not a record file name (runs/<UTC time>-<sha>-<id>.json)');
      continue;
    }
    if (!e.isFile()) {
      skip(rel, 'not a regular file');
      continue;
    }
    const size = (await lstat(path.join(runs, e.name))).size;
    if (size > MAX_RECORD_BYTES) {
      skip(rel, `${size} bytes, over the ${MAX_RECORD_BYTES}-byte cap for a record file`);
      continue;
    }
    if (size > budget) {
      overBudget++;
      continue;
    }
    budget -= size;
    const checked = checkRecord(await readFile(path.join(runs, e.name), 'utf8'), { now: opts.now });
    if (!checked.ok) skip(rel, checked.why);
    else if (!namedAt(rel, checked.record.createdAt))
      skip(rel, `createdAt ${checked.record.createdAt} is not the time in its name`);
    else records.push({ path: rel, record: checked.record });
  }
  if (skipped > MAX_SKIP_LINES) opts.log(`history: skipped ${skipped - MAX_SKIP_LINES} more files`);
  if (overBudget)
    opts.log(
      `history: skipped the ${overBudget} oldest record files: over ${MAX_HISTORY_BYTES} bytes in all`,
    );
  return records.reverse();
}
