import { GIT_MAX_BUFFER } from '../../../io/git.js';
import { RUNS_DIR } from '../record-path.js';
import { MAX_RECORD_BYTES, type StoredRecord } from '../record.js';
import { acceptRecord, selectRunFiles, skipNotices, type Skip } from '../record-selection.js';
import type { DataRepo } from './data-repo.js';

export { MAX_HISTORY_BYTES } from '../record-selection.js';

export interface ReadOptions {
  /** The reading run's time: records dated after it (beyond the allowed clock skew) are refused. Default: now. */
  now?: Date;
  /** Files larger than this are not read (default MAX_RECORD_BYTES; tests lower it). */
  maxRecordBytes?: number;
  /** One line per file skipped, and why: the caller shows them as notices. */
  log?: (m: string) => void;
}

/** Contents asked of one `git cat-file --batch`: well below git.ts's output buffer, whatever the branch holds. */
const CHUNK_BYTES = 32 * 1024 * 1024;

interface RunBlob {
  path: string;
  oid: string;
  size: number;
}

/** Paths of every file under runs/ at `commit`. */
export async function listRuns(repo: DataRepo, commit: string): Promise<string[]> {
  const out = await repo.git(['ls-tree', '-r', '-z', '--name-only', commit, '--', `${RUNS_DIR}/`]);
  return out.split('\0').filter(Boolean);
}

/** Regular files under runs/ at `commit` with their blob ids and sizes (`ls-tree --long`: no content read). */
async function listRunBlobs(repo: DataRepo, commit: string): Promise<RunBlob[]> {
  const out = await repo.git(['ls-tree', '-r', '-z', '--long', commit, '--', `${RUNS_DIR}/`]);
  const blobs: RunBlob[] = [];
  for (const entry of out.split('\0')) {
    // "<mode> SP <type> SP <oid> SP+ <size> TAB <path>"; links and submodules are not record files.
    const m = /^(100644|100755) blob ([0-9a-f]{40,64}) +(\d+)\t(.+)$/s.exec(entry);
    if (m) blobs.push({ path: m[4]!, oid: m[2]!, size: Number(m[3]) });
  }
  return blobs;
}

/**
 * Every valid record at `commit`, as record-selection.ts selects and accepts them. The branch is untrusted:
 * sizes are read first, so a file over the record cap (a 300 MB blob, say) is skipped with a notice instead
 * of overflowing git's output and taking the whole history with it; the rest is read in `git cat-file
 * --batch` calls of bounded size; each file is checked and an invalid, misnamed or future-dated one skipped
 * with a notice that quotes its name.
 */
export async function readRecords(
  repo: DataRepo,
  commit: string,
  opts: ReadOptions = {},
): Promise<StoredRecord[]> {
  const now = opts.now ?? new Date();
  const selected = selectRunFiles(await listRunBlobs(repo, commit), {
    cap: opts.maxRecordBytes ?? MAX_RECORD_BYTES,
  });
  const skipped: Skip[] = [...selected.skipped];
  const records: StoredRecord[] = [];
  for (const chunk of chunks(selected.read)) {
    const texts = await catBlobs(repo, chunk);
    for (const b of chunk) {
      const accepted = acceptRecord(b.path, texts.get(b.oid), now);
      if (accepted.ok) records.push({ path: b.path, record: accepted.record });
      else skipped.push({ path: b.path, why: accepted.why });
    }
  }
  for (const line of skipNotices(skipped, selected.overBudget)) opts.log?.(line);
  return records;
}

/** Blobs in groups of at most CHUNK_BYTES of content (a blob is at most the record cap, far below it). */
function* chunks(blobs: RunBlob[]): Generator<RunBlob[]> {
  let group: RunBlob[] = [];
  let size = 0;
  for (const b of blobs) {
    if (group.length && size + b.size > CHUNK_BYTES) {
      yield group;
      group = [];
      size = 0;
    }
    group.push(b);
    size += b.size;
  }
  if (group.length) yield group;
}

/** Contents by blob id, from one `git cat-file --batch` (input: ids, one a line). */
async function catBlobs(repo: DataRepo, blobs: readonly RunBlob[]): Promise<Map<string, string>> {
  const unique = [...new Set(blobs.map((b) => b.oid))];
  const expected = unique.length * 100 + blobs.reduce((s, b) => s + b.size, 0);
  if (expected >= GIT_MAX_BUFFER) throw new Error('history: a read chunk exceeds the git output buffer');
  const buf = await repo.bytes(['cat-file', '--batch'], { input: unique.join('\n') + '\n' });
  const out = new Map<string, string>();
  let at = 0;
  for (const oid of unique) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) break;
    const header = buf.subarray(at, nl).toString('utf8').split(' ');
    at = nl + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    out.set(oid, buf.subarray(at, at + size).toString('utf8'));
    at += size + 1; // content, then a newline
  }
  return out;
}
