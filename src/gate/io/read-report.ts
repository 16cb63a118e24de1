import { UsageError } from '../../errors/usage-error.js';
import { readJsonFile } from '../../io/read-json-file.js';
import { firstIssue, GateReportSchema, type GateReport } from '../report-schema.js';

/** Reads and validates a carbon-report.json (symlinks followed); any problem is one line and exit 2. */
export async function readReportFile(file: string, role: string): Promise<GateReport> {
  const fail = (why: string): never => {
    throw new UsageError(`${role} ${file}: ${why}`);
  };
  const json = await readJsonFile(file, fail, { links: 'follow' });
  const parsed = GateReportSchema.safeParse(json);
  if (!parsed.success) fail(`not a carbon-gate report: ${firstIssue(parsed.error)}`);
  return parsed.data!;
}
