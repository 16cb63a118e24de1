import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors/usage-error.js';
import { readJsonFile } from '../../io/read-json-file.js';
import { MAX_SHARDS } from '../../runner/shard.js';
import type { ShardInput } from '../merge-check.js';

const REPORT_FILE = 'carbon-report.json';

/**
 * Reads the files `merge` is given as untrusted JSON: a regular file (not a link), bounded, parsed. The
 * contents are validated by merge-check.ts; a problem here is one line naming the file (exit 2).
 */
export async function readShardFiles(files: readonly string[]): Promise<ShardInput[]> {
  const out: ShardInput[] = [];
  for (const file of files) {
    const fail = (why: string): never => {
      throw new UsageError(`merge: ${file}: ${why}`);
    };
    out.push({ file, json: await readJsonFile(file, fail, { links: 'refuse' }) });
  }
  return out;
}

/**
 * The shard reports in a directory of downloaded artifacts (actions/download-artifact with
 * merge-multiple: false puts each artifact in its own folder): `<artifact>/carbon-report.json` for every
 * folder, and any `*.json` file at the top. Links are skipped; names are sorted, so the order is stable.
 */
export async function shardFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(
      `merge: ${dir}: ${e.code === 'ENOENT' ? 'no such directory (were the shard artifacts downloaded?)' : `cannot read (${e.code ?? e.message})`}`,
    );
  });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory()) {
      const inner = path.join(dir, e.name, REPORT_FILE);
      if ((await lstat(inner).catch(() => null))?.isFile()) files.push(inner);
    } else if (e.isFile() && e.name.endsWith('.json')) files.push(path.join(dir, e.name));
    if (files.length > MAX_SHARDS)
      throw new UsageError(`merge: ${dir}: more than ${MAX_SHARDS} shard reports`);
  }
  return files;
}
