/**
 * Writes action.yml and the action inputs/outputs tables in docs/action.md from src/action/inputs-schema.ts:
 * `npx tsx scripts/gen-action.ts`. `--check` only compares and exits 1 when either is stale (for CI).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { renderActionYml, withActionTables } from '../src/action/action-yml.js';

const ACTION_FILE = fileURLToPath(new URL('../action.yml', import.meta.url));
/** The page holding the inputs/outputs tables between the action-table markers. */
const ACTION_DOC_FILE = fileURLToPath(new URL('../docs/action.md', import.meta.url));

async function formatted(text: string, file: string): Promise<string> {
  return prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
}

/** The expected contents of both files, next to what is on disk. */
export async function expectedActionFiles() {
  const doc = await readFile(ACTION_DOC_FILE, 'utf8');
  const raw = withActionTables(doc);
  if (raw === null) throw new Error('docs/action.md lacks the action-table markers');
  return [
    {
      file: ACTION_FILE,
      actual: await readFile(ACTION_FILE, 'utf8').catch(() => ''),
      expected: await formatted(renderActionYml(), ACTION_FILE),
    },
    { file: ACTION_DOC_FILE, actual: doc, expected: await formatted(raw, ACTION_DOC_FILE) },
  ];
}

async function main(args: string[]): Promise<number> {
  const files = await expectedActionFiles();
  if (args.includes('--check')) {
    const stale = files.filter((f) => f.actual !== f.expected);
    for (const f of stale) console.error(`${f.file} is stale; run: npx tsx scripts/gen-action.ts`);
    return stale.length ? 1 : 0;
  }
  for (const f of files) {
    await writeFile(f.file, f.expected);
    console.log(`wrote ${f.file}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
