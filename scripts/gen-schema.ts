/**
 * Writes schema/carbon-gate.schema.json from the zod schema: `npx tsx scripts/gen-schema.ts`.
 * Also writes the README's config table. `--check` only compares, exiting 1 when either is stale (for CI).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { renderJsonSchema } from '../src/config/json-schema.js';
import { withConfigTable } from '../src/config/reference-table.js';

export const README_FILE = fileURLToPath(new URL('../README.md', import.meta.url));

/** README.md with its config table regenerated (throws when the markers are gone). */
export async function expectedReadme(file = README_FILE): Promise<{ actual: string; expected: string }> {
  const actual = await readFile(file, 'utf8');
  const raw = withConfigTable(actual);
  if (raw === null) throw new Error('README.md lacks the config-table markers');
  // Formatted as `prettier --check` wants it, so the two checks agree.
  const options = { ...(await prettier.resolveConfig(file)), filepath: file };
  return { actual, expected: await prettier.format(raw, options) };
}

export const SCHEMA_FILE = fileURLToPath(new URL('../schema/carbon-gate.schema.json', import.meta.url));

export interface SchemaFileCheck {
  upToDate: boolean;
  expected: string;
  /** The file's current text, or null when it does not exist. */
  actual: string | null;
}

/** Compares the committed schema file with freshly generated output. */
export async function checkSchemaFile(file = SCHEMA_FILE): Promise<SchemaFileCheck> {
  const expected = renderJsonSchema();
  const actual = await readFile(file, 'utf8').catch(() => null);
  return { upToDate: actual === expected, expected, actual };
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--check')) {
    const { upToDate } = await checkSchemaFile();
    if (!upToDate) console.error(`${SCHEMA_FILE} is stale; run: npm run gen:schema`);
    const readme = await expectedReadme();
    const readmeOk = readme.actual === readme.expected;
    if (!readmeOk) console.error(`${README_FILE}: config table is stale; run: npm run gen:schema`);
    return upToDate && readmeOk ? 0 : 1;
  }
  await writeFile(SCHEMA_FILE, renderJsonSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
  await writeFile(README_FILE, (await expectedReadme()).expected);
  console.log(`wrote the config table in ${README_FILE}`);
  return 0;
}

// Only when run directly: the test imports checkSchemaFile without writing anything.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
