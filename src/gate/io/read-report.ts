import { readFile, stat } from 'node:fs/promises';
import { UsageError } from '../../errors/usage-error.js';
import { firstIssue, GateReportSchema, type GateReport } from '../report-schema.js';

// Reports hold every sample of every benchmark; 64 MiB is far beyond any real one and bounds a bad path.
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** Reads and validates a carbon-report.json; any problem is one line and exit 2 (a UsageError). */
export async function readReportFile(file: string, role: string): Promise<GateReport> {
  const fail = (why: string): never => {
    throw new UsageError(`${role} ${file}: ${why}`);
  };
  const info = await stat(file).catch((e: NodeJS.ErrnoException) =>
    fail(e.code === 'ENOENT' ? 'file not found' : `cannot read (${e.code ?? e.message})`),
  );
  if (!info.isFile()) fail('not a regular file');
  if (info.size > MAX_REPORT_BYTES) fail('larger than 64 MiB; not a carbon-gate report');
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) =>
    fail(`cannot read (${e.code ?? e.message})`),
  );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`not JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const parsed = GateReportSchema.safeParse(json);
  if (!parsed.success) fail(`not a carbon-gate report: ${firstIssue(parsed.error)}`);
  return parsed.data!;
}
