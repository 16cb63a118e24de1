import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A template shipped with carbon-gate (`templates/<name>`), found by climbing from this module: the
 * bundles dist/cli.js and dist/index.js → ../templates, src/io/shipped-template.ts → ../../templates.
 * Shared here because the CLI and the Action may not import each other.
 */
export async function shippedTemplate(name: string): Promise<string> {
  const relative = path.join('templates', name);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const text = await readFile(path.join(dir, relative), 'utf8').catch(() => null);
    if (text !== null) return text;
  }
  throw new Error(`templates/${name} not found beside carbon-gate`);
}
