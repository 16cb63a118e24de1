import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  mkdtempSync,
  openSync,
  rmSync,
  type Stats,
} from 'node:fs';
import { lstat, open, rm, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseMetricsFile, type ReportedMetrics } from '../metrics-file.js';

/** A file larger than this is not metrics: it is refused rather than read into memory. */
const MAX_BYTES = 1024 * 1024;
// Never block on a FIFO or a device, never follow a link the benchmark planted (0 where the OS has none).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
// A new file, never one that is there already, never through a link.
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

const dirs = new Map<'own' | 'shared', string>();
let counter = 0;

/** Where one run writes its metrics. */
export interface MetricsSlot {
  file: string;
  /**
   * The file belongs to the user the benchmark runs as, in a folder that is carbon-gate's: once read,
   * only that one name is unlinked (the user can neither replace it nor add anything beside it).
   */
  shared: boolean;
}

function privateDir(kind: 'own' | 'shared'): string {
  let dir = dirs.get(kind);
  if (!dir) {
    const created = mkdtempSync(path.join(os.tmpdir(), 'carbon-gate-metrics-'));
    // 'shared' holds the files of runs as another user: they may pass through it, not list or write it.
    if (kind === 'shared') chmodSync(created, 0o711);
    if (!dirs.size) process.once('exit', removeMetricsDirs);
    dirs.set(kind, (dir = created));
  }
  return dir;
}

/**
 * Removes the temporary folders of every run's metrics; done when carbon-gate exits, and by tests,
 * whose workers may end without an 'exit' event. A later run makes new ones. Never throws: a process
 * of the benchmark's that outlived it may still be writing into the folder of a same-user run
 * (ENOTEMPTY); what cannot be removed is left to the system's temporary files.
 */
export function removeMetricsDirs(): void {
  for (const dir of dirs.values()) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2, retryDelay: 10 });
    } catch {
      // Left behind, rather than a stack trace at exit.
    }
  }
  dirs.clear();
}

/**
 * A fresh, empty metrics file for one run (mode 0600), made before it starts, in a private temporary
 * folder (mode 0700, so no other user can plant a file or a link there); the folder is removed when
 * carbon-gate exits. A benchmark run as another user (`owner`) gets the file itself, owned by that user,
 * in a folder of carbon-gate's that the user may pass through but neither list nor write: the user owns
 * no folder that carbon-gate (root) would later delete recursively, so no link swapped in during that
 * delete can send it elsewhere. An empty file after the run means the benchmark wrote nothing. The task
 * markers file (`extension` 'markers', marker-reader.ts) is made the same way.
 */
export function newMetricsFile(owner?: { uid: number; gid: number }, extension = 'json'): MetricsSlot {
  const file = path.join(privateDir(owner ? 'shared' : 'own'), `run-${++counter}.${extension}`);
  const fd = openSync(file, CREATE_FLAGS, 0o600);
  try {
    fchmodSync(fd, 0o600); // whatever the umask
    if (owner) fchownSync(fd, owner.uid, owner.gid);
  } catch (e) {
    rmSync(file, { force: true });
    throw e;
  } finally {
    closeSync(fd);
  }
  return { file, shared: !!owner };
}

const LINK = 'metrics file is a symbolic link: not followed, ignored';
const ignored = (problem: string): ReportedMetrics => ({ metrics: {}, problems: [problem] });

function kind(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a file';
}

/** Why a file is refused before it is read, or undefined when it may be read. */
function refusal(st: Stats): string | undefined {
  if (st.isSymbolicLink()) return LINK;
  if (!st.isFile()) return `metrics file is not a regular file (${kind(st)}): ignored`;
  // A hard link can point at a file the benchmark could not read itself (when it runs as another user).
  if (st.nlink > 1) return 'metrics file has other hard links: ignored';
  if (st.size > MAX_BYTES) return `metrics file over ${MAX_BYTES} bytes: ignored`;
  return undefined;
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'error';

/**
 * Reads and removes what the run wrote; undefined when it wrote nothing (the file is empty or gone).
 * Never throws, never blocks: only a regular file of at most MAX_BYTES is read, opened without
 * following links and without waiting (a FIFO or a device in its place is a note on the sample, not a
 * hang).
 */
export async function takeMetrics(slot: MetricsSlot): Promise<ReportedMetrics | undefined> {
  try {
    return await readMetrics(slot.file);
  } catch (e) {
    return ignored(`metrics file could not be read (${code(e)}): ignored`);
  } finally {
    // A same-user benchmark may have put a folder in its place (nothing it could not do anyway).
    const removed = slot.shared ? unlink(slot.file) : rm(slot.file, { recursive: true, force: true });
    await removed.catch(() => {});
  }
}

async function readMetrics(file: string): Promise<ReportedMetrics | undefined> {
  let st: Stats;
  try {
    st = await lstat(file);
  } catch (e) {
    if (code(e) === 'ENOENT') return undefined;
    throw e;
  }
  const before = refusal(st);
  if (before) return ignored(before);
  let fh;
  try {
    fh = await open(file, OPEN_FLAGS);
  } catch (e) {
    // Swapped for a link after lstat.
    if (code(e) === 'ELOOP') return ignored(LINK);
    throw e;
  }
  try {
    // What was opened may not be what lstat saw: check it again.
    const opened = refusal(await fh.stat());
    if (opened) return ignored(opened);
    const buf = Buffer.alloc(MAX_BYTES + 1);
    let total = 0;
    while (total < buf.length) {
      const { bytesRead } = await fh.read(buf, total, buf.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > MAX_BYTES) return ignored(`metrics file over ${MAX_BYTES} bytes: ignored`);
    // The file was made empty before the run: still empty, the benchmark wrote nothing.
    if (total === 0) return undefined;
    return parseMetricsFile(buf.subarray(0, total).toString('utf8'));
  } finally {
    await fh.close();
  }
}
