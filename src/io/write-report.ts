import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../report/types.js';

export const REPORT_FILE = 'carbon-report.json';

/** Writes carbon-report.json into `outDir` (created if needed) and returns its path. See writeReportFile. */
export async function writeReport(report: Report, outDir: string): Promise<string> {
  return (await writeReportFile(report, outDir)).file;
}

/**
 * Writes carbon-report.json into `outDir` (created if needed) atomically: the report goes to a temporary
 * file in the same directory, which is then renamed over the old one, so a reader (another run, the
 * Action's upload, a script polling the file) sees the old report or the new one, never a part of either.
 * A symbolic link at the report's path is replaced, not followed. When an earlier report is replaced, the
 * written report says so in its notices. Returns the path and the report as written.
 */
export async function writeReportFile(
  report: Report,
  outDir: string,
): Promise<{ file: string; report: Report }> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, REPORT_FILE);
  const replaced = await replacedNotice(file);
  const written = replaced ? { ...report, notices: [...report.notices, replaced] } : report;
  const temp = path.join(outDir, `.${REPORT_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(JSON.stringify(written, null, 2) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
  return { file, report: written };
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
