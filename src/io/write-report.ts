import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../report/types.js';
import { shownPath } from './out-dir.js';

export const REPORT_FILE = 'carbon-report.json';

/** Writes carbon-report.json into `outDir` (created if needed) and returns its path. See writeReportFile. */
export async function writeReport(report: Report, outDir: string): Promise<string> {
  return (await writeReportFile(report, outDir)).file;
}

export interface WriteReportOptions {
  /**
   * The report directory must be ours below this directory (the Action's workspace, which a benchmark can
   * write to): see ownDir. Without it `outDir` is created as `mkdir -p` does (the CLI's --out).
   */
  within?: string;
  /** More files written beside the report, each the same way (name → content). */
  beside?: Record<string, string>;
}

/**
 * Writes carbon-report.json into `outDir` (created if needed) atomically: the report goes to a temporary
 * file in the same directory, which is then renamed over the old one, so a reader (another run, the
 * Action's upload, a script polling the file) sees the old report or the new one, never a part of either.
 * A symbolic link at the report's path is replaced, not followed. When an earlier report is replaced, the
 * written report says so in its notices. Returns the path and the report as written. With `within`, a
 * report directory that is not ours is an UnsafeDirError and nothing is written.
 */
export async function writeReportFile(
  report: Report,
  outDir: string,
  opts: WriteReportOptions = {},
): Promise<{ file: string; report: Report }> {
  let dir: OwnDir;
  if (opts.within === undefined) {
    await mkdir(outDir, { recursive: true });
    dir = { at: outDir, close: async () => {} };
  } else dir = await ownDir(outDir, opts.within);
  try {
    const replaced = await replacedNotice(path.join(dir.at, REPORT_FILE));
    const written = replaced ? { ...report, notices: [...report.notices, replaced] } : report;
    await writeFileAtomic(dir.at, REPORT_FILE, JSON.stringify(written, null, 2) + '\n');
    for (const [name, text] of Object.entries(opts.beside ?? {})) await writeFileAtomic(dir.at, name, text);
    return { file: path.join(outDir, REPORT_FILE), report: written };
  } finally {
    await dir.close();
  }
}

/**
 * Writes `text` to `dir/name` through a new temporary file in `dir` (O_EXCL: never an existing file or a
 * link) renamed over `name`: whatever is at `name`, a symbolic link included, is replaced, never followed
 * or written through. On failure the temporary file is removed and `name` is as it was.
 */
export async function writeFileAtomic(dir: string, name: string, text: string): Promise<void> {
  const temp = path.join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path.join(dir, name));
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
}

/** A report directory that is not ours to write in: one line, naming the part of the path at fault. */
export class UnsafeDirError extends Error {
  override readonly name = 'UnsafeDirError';
}

/** A checked directory: write under `at` (on Linux /proc/self/fd/N, the directory checked), then close. */
interface OwnDir {
  at: string;
  close(): Promise<void>;
}

/**
 * `dir`, created one component at a time (mkdir never follows a link there) and checked component by
 * component with lstat. Below `within` (which a benchmark may be able to write to) every component must be
 * a directory, not a symbolic link, owned by this process's user: a benchmark run as another user
 * (benchmark-user) cannot have planted it, and cannot write into it. Outside `within`, a component must be
 * owned by this user or root (a link then is followed: only they could have made it). Then, on Linux, the
 * last directory is opened without following a link and pinned: writes go through /proc/self/fd/N, into
 * the directory that was checked even if its path is changed afterwards. Anything else: UnsafeDirError.
 */
export async function ownDir(dir: string, within: string, uid = process.getuid?.()): Promise<OwnDir> {
  const target = path.resolve(dir);
  const base = path.resolve(within);
  const rel = path.relative(base, target);
  const inside = !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..';
  let current = inside ? base : path.parse(target).root;
  const refuse = (p: string, why: string) => new UnsafeDirError(`${shownPath(p)} ${why}`);
  const mine = (st: Stats) => uid === undefined || st.uid === uid || (!inside && st.uid === 0);
  let last: Stats | undefined;
  let linked = false; // the last component is a link (outside `within`, made by us or root): followed
  for (const part of path.relative(current, target).split(path.sep).filter(Boolean)) {
    current = path.join(current, part);
    let st = await lstat(current).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (!st) {
      await mkdir(current).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      });
      st = await lstat(current);
    }
    if (st.isSymbolicLink()) {
      if (inside || !mine(st)) throw refuse(current, 'is a symbolic link, not a directory of ours');
      linked = true;
      continue;
    }
    if (!st.isDirectory()) throw refuse(current, 'is not a directory');
    if (!mine(st)) throw refuse(current, `is not owned by this user (it is uid ${st.uid}'s)`);
    [last, linked] = [st, false];
  }
  if (!last || linked) last = await stat(target);
  if (process.platform !== 'linux') return { at: target, close: async () => {} };
  const flags = constants.O_RDONLY | constants.O_DIRECTORY | (linked ? 0 : constants.O_NOFOLLOW);
  const handle = await open(target, flags).catch(() => {
    throw refuse(target, 'changed while it was checked');
  });
  const same = (st: Stats) => st.dev === last.dev && st.ino === last.ino;
  try {
    if (!same(await handle.stat())) throw refuse(target, 'changed while it was checked');
  } catch (e) {
    await handle.close();
    throw e;
  }
  const at = `/proc/self/fd/${handle.fd}`;
  // Without /proc (rare in a container), the path itself: checked just now.
  const pinned = await stat(at).then(same, () => false);
  return { at: pinned ? at : target, close: () => handle.close() };
}

/** createdAt is the third key of a report: the first 64 KiB hold it, and no more of a large file is read. */
const HEAD_BYTES = 64 * 1024;
const CREATED_AT = /"createdAt"\s*:\s*"([^"\\]{1,40})"/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The notice for what is at `file` now: null when there is nothing. Reads at most HEAD_BYTES of a regular
 * file, without following a link or blocking on a FIFO; garbage, a cut-off file or anything else gives the
 * generic notice.
 */
async function replacedNotice(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP')
      return `replaced a symbolic link named ${REPORT_FILE}; what it pointed to is unchanged`;
    return `replaced a ${REPORT_FILE} that could not be read`;
  }
  try {
    if (!(await handle.stat()).isFile()) return `replaced a ${REPORT_FILE} that was not a regular file`;
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const createdAt = CREATED_AT.exec(buffer.toString('utf8', 0, bytesRead))?.[1];
    if (createdAt !== undefined && ISO_TIME.test(createdAt))
      return `replaced the report of an earlier run, created at ${createdAt}`;
    return `replaced a ${REPORT_FILE} that was not a readable report`;
  } catch {
    return `replaced a ${REPORT_FILE} that could not be read`;
  } finally {
    await handle.close().catch(() => {});
  }
}
