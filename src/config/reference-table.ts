import { buildJsonSchema } from './json-schema.js';

/** The configuration table of docs/config.md, generated from the JSON Schema (itself generated from zod). */

interface Node {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Node>;
  items?: Node;
  required?: string[];
}

function typeOf(n: Node): string {
  if (n.const !== undefined) return `\`${JSON.stringify(n.const)}\``;
  if (n.enum) return n.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (n.type === 'array') return 'list';
  if (n.type === 'object') return 'mapping';
  const range =
    n.minimum !== undefined || n.maximum !== undefined ? ` (${n.minimum ?? '…'}–${n.maximum ?? '…'})` : '';
  return `${n.type ?? 'any'}${range}`;
}

function rows(node: Node, prefix: string, out: string[]): void {
  const required = new Set(node.required ?? []);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (key === '$schema') continue;
    const path = `${prefix}${key}`;
    const def =
      child.default === undefined || (typeof child.default === 'object' && child.default !== null)
        ? ''
        : `\`${String(child.default)}\``;
    const req = required.has(key) ? 'yes' : '';
    out.push(
      `| \`${path}\` | ${typeOf(child)} | ${req} | ${def} | ${(child.description ?? '').replace(/\|/g, '\\|')} |`,
    );
    if (child.type === 'object' && child.properties) rows(child, `${path}.`, out);
    if (child.type === 'array' && child.items?.properties) rows(child.items, `${path}[].`, out);
  }
}

export function renderConfigTable(): string {
  const out = ['| key | type | required | default | meaning |', '|---|---|---|---|---|'];
  rows(buildJsonSchema() as Node, '', out);
  return out.join('\n');
}

export const TABLE_START = '<!-- config-table:start -->';
export const TABLE_END = '<!-- config-table:end -->';

/** The page's text with the generated table between its markers; null when the markers are missing. */
export function withConfigTable(text: string): string | null {
  const a = text.indexOf(TABLE_START);
  const b = text.indexOf(TABLE_END);
  if (a < 0 || b < a) return null;
  return `${text.slice(0, a + TABLE_START.length)}\n${renderConfigTable()}\n${text.slice(b)}`;
}
