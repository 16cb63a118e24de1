/**
 * Writes schema/carbon-report.schema.json from the report's zod schema: `npx tsx scripts/gen-report-schema.ts`.
 * `--check` only compares, exiting 1 when the committed file is stale (for CI).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderReportJsonSchema } from '../src/report/json-schema.js';

export const REPORT_SCHEMA_FILE = fileURLToPath(
  new URL('../schema/carbon-report.schema.json', import.meta.url),
);

export interface ReportSchemaFileCheck {
  upToDate: boolean;
  expected: string;
  /** The file's current text, or null when it does not exist. */
  actual: string | null;
}

/** Compares the committed schema file with freshly generated output. */
export async function checkReportSchemaFile(file = REPORT_SCHEMA_FILE): Promise<ReportSchemaFileCheck> {
  const expected = renderReportJsonSchema();
  const actual = await readFile(file, 'utf8').catch(() => null);
  return { upToDate: actual === expected, expected, actual };
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--check')) {
    const { upToDate } = await checkReportSchemaFile();
    if (!upToDate) console.error(`${REPORT_SCHEMA_FILE} is stale; run: npm run gen:report-schema`);
    return upToDate ? 0 : 1;
  }
  await writeFile(REPORT_SCHEMA_FILE, renderReportJsonSchema());
  console.log(`wrote ${REPORT_SCHEMA_FILE}`);
  return 0;
}

// Only when run directly: the test imports checkReportSchemaFile without writing anything.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
