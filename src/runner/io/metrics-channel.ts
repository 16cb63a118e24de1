import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseMetricsFile, type ReportedMetrics } from '../metrics-file.js';

/** A file larger than this is not metrics: it is refused rather than read into memory. */
const MAX_BYTES = 1024 * 1024;

let dir: string | undefined;
let counter = 0;

/**
 * A fresh path for one run's metrics file, in a private temporary folder (mode 0700, so no other user
 * can plant a file or a link there); the folder is removed when carbon-gate exits.
 */
export function newMetricsFile(): string {
  if (!dir) {
    const created = mkdtempSync(path.join(os.tmpdir(), 'carbon-gate-metrics-'));
    dir = created;
    process.once('exit', () => rmSync(created, { recursive: true, force: true }));
  }
  return path.join(dir, `run-${++counter}.json`);
}

/** Reads and removes what the run wrote; undefined when it wrote nothing. Never throws. */
export function takeMetrics(file: string): ReportedMetrics | undefined {
  try {
    const size = statSync(file).size;
    if (size > MAX_BYTES) return { metrics: {}, problems: [`metrics file over ${MAX_BYTES} bytes: ignored`] };
    const buf = Buffer.alloc(size);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buf, 0, size, 0);
    } finally {
      closeSync(fd);
    }
    return parseMetricsFile(buf.toString('utf8'));
  } catch {
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
}
