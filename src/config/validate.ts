import { contentProblem } from './content-checks.js';
import { issueLines } from './issues.js';
import { MAX_ERROR_LINES } from './limits.js';
import { ConfigSchema, type Config } from './schema.js';
import { expectationOf } from './schema-walk.js';
import { readYaml } from './yaml-text.js';

export type ParseConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/**
 * Validates carbon-gate.yml text. Pure: `file` is only used to prefix error lines. Never
 * throws for bad input; reports every problem it can find, one line each, capped so a
 * hostile file cannot flood the terminal.
 */
export function parseConfigText(text: string, file: string): ParseConfigResult {
  try {
    const result = parse(text.startsWith('\uFEFF') ? text.slice(1) : text, file);
    return result.ok ? result : { ok: false, errors: capped(result.errors, file) };
  } catch (error) {
    // Defence in depth (e.g. a stack overflow deep in a library): still an error line.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [`${file}: could not read the config: ${message.split('\n')[0]}`] };
  }
}

function parse(text: string, file: string): ParseConfigResult {
  const problem = contentProblem(text, file);
  if (problem) return { ok: false, errors: [problem] };
  const yaml = readYaml(text, file);
  if (!yaml.ok) return { ok: false, errors: yaml.errors.map(withoutSource) };
  // Not a mapping: not a config at all (a passwd, .env or token file is one plain scalar). Say what it is,
  // never what it holds.
  if (typeof yaml.value !== 'object' || yaml.value === null || Array.isArray(yaml.value)) {
    const expected = expectationOf(ConfigSchema)?.expected ?? 'a mapping';
    return { ok: false, errors: [`${file}: expected ${expected}, found ${kindOf(yaml.value)}`] };
  }
  const proto = protoKey(yaml.value, []);
  if (proto) return { ok: false, errors: [`${file}: ${proto}: unknown key, not allowed anywhere`] };
  const parsed = ConfigSchema.safeParse(yaml.value);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: issueLines(parsed.error.issues, yaml.value, ConfigSchema, file) };
}

/**
 * A `__proto__` key anywhere: zod's records drop it without a word, so a limit under that name would
 * vanish; it is refused instead. Returns its path ("budget.metrics.__proto__"), or undefined.
 */
function protoKey(value: unknown, path: string[]): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const at = Array.isArray(value) ? [...path.slice(0, -1), `${path.at(-1) ?? ''}[${k}]`] : [...path, k];
    if (!Array.isArray(value) && k === '__proto__') return [...path, k].join('.');
    const found = protoKey(v, at);
    if (found) return found;
  }
  return undefined;
}

function capped(errors: string[], file: string): string[] {
  if (errors.length <= MAX_ERROR_LINES) return errors;
  const rest = errors.length - MAX_ERROR_LINES;
  return [...errors.slice(0, MAX_ERROR_LINES), `${file}: … and ${rest} more problem${rest === 1 ? '' : 's'}`];
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

/**
 * The yaml library words some errors with the source they stopped at (`Unexpected scalar token in YAML
 * stream: "basic c2Vj…"`): on a file that is not YAML (an INI file such as .git/config) that is the file's
 * secret. The location is already in the line's prefix; the quoted source is cut.
 */
const SOURCE_IN_MESSAGE: [RegExp, string][] = [
  [/( in YAML stream): .*$/, '$1'],
  [/(Unresolved alias \(the anchor must be set before the alias\)): .*$/, '$1'],
  [/(Block scalar header includes extra characters): .*$/, '$1'],
  [/(Not a valid tag|Could not resolve tag|Unresolved tag): .*$/, '$1'],
  [/(Verbatim tags aren't resolved), so .*$/, '$1'],
  [/The \S+ tag has no suffix.*$/, 'a tag has no suffix'],
  [/(Unknown directive|Unsupported YAML version|Invalid escape sequence) .*$/, '$1'],
];

function withoutSource(line: string): string {
  return SOURCE_IN_MESSAGE.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), line);
}
