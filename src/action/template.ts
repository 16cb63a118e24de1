import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_NAME = 'templates/comment.md.hbs';
const MAX_TEMPLATE_BYTES = 256 * 1024;

/** The shipped template: dist/index.js → ../templates, src/action/template.ts → ../../templates. */
async function defaultTemplate(): Promise<string> {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const text = await readFile(path.join(dir, DEFAULT_NAME), 'utf8').catch(() => null);
    if (text !== null) return text;
  }
  throw new Error(`${DEFAULT_NAME} not found beside the action`);
}

/** The user's template (relative to the working directory) when given, else the shipped one. */
export async function loadTemplate(cwd: string, custom?: string): Promise<string> {
  if (!custom) return defaultTemplate();
  const file = path.resolve(cwd, custom);
  if ((await stat(file)).size > MAX_TEMPLATE_BYTES)
    throw new Error(`template ${custom} is larger than 256 KiB`);
  return readFile(file, 'utf8');
}
