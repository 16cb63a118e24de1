import { isRecordPath, namedAt, RUNS_DIR, shownName } from './record-path.js';
import { checkRecord, MAX_RECORD_BYTES, type RunRecord } from './record.js';

/**
 * Which files under runs/ are read as records, shared by the branch reader (io/read-records.ts) and the
 * folder reader (dashboard/io/read-record-dir.ts): the rule over names and sizes before any content is
 * read, and the check of a file's content after. Both readers are fed untrusted files; neither repairs one.
 */

/**
 * Record contents read in all, newest first: beyond this the older files are skipped with a notice. Far
 * above real branches (records are a few kB), it bounds the memory a branch full of large files can take.
 */
export const MAX_HISTORY_BYTES = 256 * 1024 * 1024;

/** Lines about skipped files, at most; then one line with the count of the rest. */
export const MAX_SKIP_LINES = 20;

/** A file under runs/, before its content is read. */
export interface RunFile {
  /** `runs/<name>`, as on the branch. */
  path: string;
  size: number;
  /** False for a link or anything else not a plain file (a link could point anywhere). Default: true. */
  regular?: boolean;
}

export interface Skip {
  path: string;
  why: string;
}

export interface Selection<F extends RunFile> {
  /** Files to read, in the branch's order (oldest first). */
  read: F[];
  /** Files refused by name, kind or size, with why. */
  skipped: Skip[];
  /** The oldest record files left out once MAX_HISTORY_BYTES were taken by newer ones. */
  overBudget: number;
}

/**
 * The files to read among `files` (in any order): `.json` files only (others are not records and pass
 * silently), named as the tool names records, plain files, each at most `cap` bytes, and newest first
 * (names start with the time) until `budget` bytes, so a budget cut drops the oldest.
 */
export function selectRunFiles<F extends RunFile>(
  files: readonly F[],
  opts: { cap?: number; budget?: number } = {},
): Selection<F> {
  const cap = opts.cap ?? MAX_RECORD_BYTES;
  let budget = opts.budget ?? MAX_HISTORY_BYTES;
  const skipped: Skip[] = [];
  const read: F[] = [];
  let overBudget = 0;
  const newestFirst = files
    .filter((f) => f.path.endsWith('.json'))
    .sort((a, b) => (a.path < b.path ? 1 : a.path > b.path ? -1 : 0));
  for (const f of newestFirst) {
    if (!isRecordPath(f.path))
      skipped.push({ path: f.path, why: 'not a record file name (runs/<UTC time>-<sha>-<id>.json)' });
    else if (f.regular === false) skipped.push({ path: f.path, why: 'not a regular file' });
    else if (f.size > cap)
      skipped.push({ path: f.path, why: `${f.size} bytes, over the ${cap}-byte cap for a record file` });
    else if (f.size > budget) overBudget++;
    else {
      budget -= f.size;
      read.push(f);
    }
  }
  return { read: read.reverse(), skipped, overBudget };
}

/**
 * A read file's content as a record: valid (record.ts), dated no later than `now` (plus the allowed clock
 * skew), and created at the time its name carries (a hand-added record dated back would otherwise become
 * the oldest of its commit, and so the baseline: ancestor.ts). `text` undefined: the file could not be read.
 */
export function acceptRecord(
  path: string,
  text: string | undefined,
  now: Date,
): { ok: true; record: RunRecord } | { ok: false; why: string } {
  if (text === undefined) return { ok: false, why: 'missing from the fetched branch' };
  const checked = checkRecord(text, { now });
  if (!checked.ok) return checked;
  if (!namedAt(path, checked.record.createdAt))
    return { ok: false, why: `createdAt ${checked.record.createdAt} is not the time in its name` };
  return checked;
}

/**
 * The notice lines for skipped files: one per file up to MAX_SKIP_LINES, then one with the count of the
 * rest, then one for the files left over the byte budget.
 */
export function skipNotices(skipped: readonly Skip[], overBudget: number): string[] {
  const lines = skipped
    .slice(0, MAX_SKIP_LINES)
    .map((s) => `history: skipped ${shownName(s.path)}: ${s.why}`);
  if (skipped.length > MAX_SKIP_LINES)
    lines.push(`history: skipped ${skipped.length - MAX_SKIP_LINES} more files under ${RUNS_DIR}/`);
  if (overBudget)
    lines.push(
      `history: skipped the ${overBudget} oldest record files: over ${MAX_HISTORY_BYTES} bytes in all`,
    );
  return lines;
}
