import { RUNS_DIR } from '../record-path.js';
import { parseRecord, type StoredRecord } from '../record.js';
import type { DataRepo } from './data-repo.js';

/** Paths of every file under runs/ at `commit`. */
export async function listRuns(repo: DataRepo, commit: string): Promise<string[]> {
  const out = await repo.git(['ls-tree', '-r', '-z', '--name-only', commit, '--', `${RUNS_DIR}/`]);
  return out.split('\0').filter(Boolean);
}

/** Every valid record at `commit`, read in one `git cat-file --batch`; invalid files are skipped. */
export async function readRecords(repo: DataRepo, commit: string): Promise<StoredRecord[]> {
  // A name with a line break cannot be asked of --batch; this tool never writes one.
  const paths = (await listRuns(repo, commit)).filter((p) => p.endsWith('.json') && !p.includes('\n'));
  if (!paths.length) return [];
  const buf = await repo.bytes(['cat-file', '--batch'], {
    input: paths.map((p) => `${commit}:${p}`).join('\n') + '\n',
  });
  const records: StoredRecord[] = [];
  let at = 0;
  for (const p of paths) {
    const nl = buf.indexOf(10, at);
    const header = buf.subarray(at, nl).toString('utf8').split(' ');
    at = nl + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    const record = parseRecord(buf.subarray(at, at + size).toString('utf8'));
    at += size + 1; // content, then a newline
    if (record) records.push({ path: p, record });
  }
  return records;
}
