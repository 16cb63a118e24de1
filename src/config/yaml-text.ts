import { parseDocument, type YAMLError } from 'yaml';
import { EMPTY_FILE } from './content-checks.js';
import { MAX_YAML_ALIASES } from './limits.js';
import { nestingProblem } from './yaml-guard.js';

export type YamlResult = { ok: true; value: unknown } | { ok: false; errors: string[] };

/** YAML text → plain JS value, or one-line errors located as `file:line:col:`. */
export function readYaml(text: string, file: string): YamlResult {
  const nesting = nestingProblem(text);
  if (nesting) return { ok: false, errors: [`${file}: YAML nested too deeply (${nesting})`] };
  // logLevel 'error': warnings go nowhere instead of to process.emitWarning (stderr).
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, logLevel: 'error' });
  if (doc.errors.length > 0) return { ok: false, errors: doc.errors.map((e) => syntaxLine(e, text, file)) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    return { ok: false, errors: [aliasLine(error, file)] };
  }
  if (value === null || value === undefined) return { ok: false, errors: [`${file}: ${EMPTY_FILE}`] };
  return { ok: true, value };
}

function syntaxLine(error: YAMLError, text: string, file: string): string {
  const pos = error.linePos?.[0];
  const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
  if (error.code === 'DUPLICATE_KEY') {
    const key = pos ? keyAt(text, pos.line, pos.col) : undefined;
    return `${where}: duplicate key${key ? ` ${key}` : ''}; each key may appear only once in a mapping`;
  }
  // prettyErrors appends " at line L, column C:" and a source excerpt; the location is
  // already in the prefix, so keep only the first sentence.
  const short = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  return `${where}: YAML syntax error: ${short}`;
}

/** The key at a position, quoted (`"name"`), if it is short and simple enough to pick out. */
function keyAt(text: string, line: number, col: number): string | undefined {
  const lineText = text.split('\n', line)[line - 1] ?? '';
  const rest = lineText.slice(col - 1, col - 1 + 80);
  const key = /^("[^"]*"|'[^']*'|[^\s:#,[\]{}"'][^:#]*?)\s*:/.exec(rest)?.[1];
  return key === undefined || /^["']/.test(key) ? key : JSON.stringify(key);
}

function aliasLine(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/excessive alias count/i.test(message)) {
    return `${file}: more than ${MAX_YAML_ALIASES} YAML alias expansions; refusing to expand (alias bomb?)`;
  }
  return `${file}: YAML error: ${message.split('\n')[0]}`;
}
