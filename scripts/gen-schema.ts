/**
 * Writes schema/carbon-gate.schema.json from the zod schema: `npx tsx scripts/gen-schema.ts`.
 * Also writes docs/config.md's config table. `--check` only compares, exiting 1 when either is stale
 * (for CI).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { renderJsonSchema } from '../src/config/json-schema.js';
import { withConfigTable } from '../src/config/reference-table.js';

/** The configuration reference page, which holds the generated table between the config-table markers. */
export const CONFIG_DOC_FILE = fileURLToPath(new URL('../docs/config.md', import.meta.url));

/** docs/config.md with its config table regenerated (throws when the markers are gone). */
export async function expectedConfigDoc(
  file = CONFIG_DOC_FILE,
): Promise<{ actual: string; expected: string }> {
  const actual = await readFile(file, 'utf8');
  const raw = withConfigTable(actual);
  if (raw === null) throw new Error(`${file} lacks the config-table markers`);
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
    const doc = await expectedConfigDoc();
    const docOk = doc.actual === doc.expected;
    if (!docOk) console.error(`${CONFIG_DOC_FILE}: config table is stale; run: npm run gen:schema`);
    return upToDate && docOk ? 0 : 1;
  }
  await writeFile(SCHEMA_FILE, renderJsonSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
  await writeFile(CONFIG_DOC_FILE, (await expectedConfigDoc()).expected);
  console.log(`wrote the config table in ${CONFIG_DOC_FILE}`);
  return 0;
}

// Only when run directly: the test imports checkSchemaFile without writing anything.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
