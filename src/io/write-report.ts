import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../report/types.js';

export const REPORT_FILE = 'carbon-report.json';

/** Writes carbon-report.json into `outDir` (created if needed) and returns its path. */
export async function writeReport(report: Report, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, REPORT_FILE);
  await writeFile(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}
