import { issueLines } from '../config/issues.js';
import { MAX_ERROR_LINES } from '../config/limits.js';
import { PowerProfileSchema, type PowerProfile } from './schema.js';

export type ParsePowerProfileResult = { ok: true; profile: PowerProfile } | { ok: false; errors: string[] };

const SHAPE = 'a JSON object with version, source, idleW and loadW';
const EXPECTED = `a power profile: ${SHAPE}`;

/**
 * Validates profile JSON text; `file` only prefixes the one-line errors. Never throws.
 * A file that is not a profile at all (not JSON, or JSON but not an object) gets one line saying what was
 * expected and where, never its bytes: `powerProfile:` may name any file of the repository, and the error
 * is printed to the job log.
 */
export function parsePowerProfileText(text: string, file: string): ParsePowerProfileResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, errors: [jsonErrorLine(error, body, file)] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, errors: [`${file}: expected ${SHAPE}, found ${kindOf(value)}`] };
  const parsed = PowerProfileSchema.safeParse(value);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const lines = issueLines(parsed.error.issues, value, PowerProfileSchema, file);
  return { ok: false, errors: lines.slice(0, MAX_ERROR_LINES) };
}

/** What kind of JSON value a document is, without its content. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return `a ${typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean'}`;
}

/**
 * `file:line:col: invalid JSON: <reason>; expected …`. V8's messages quote the text around the error
 * (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`): only the position and a reason that quotes
 * nothing are kept.
 */
function jsonErrorLine(error: unknown, text: string, file: string): string {
  const message = ((error as Error).message ?? '').split('\n')[0] ?? '';
  const offset = /\bat position (\d+)/.exec(message)?.[1];
  const where = offset === undefined ? file : `${file}:${lineCol(text, Number(offset))}`;
  let reason: string;
  if (/^Unexpected token\b/.test(message)) reason = 'unexpected character';
  else if (/^Unexpected end of JSON input/.test(message)) reason = 'the text ends before the JSON value does';
  else {
    reason = message.replace(/\s*(in JSON\s*)?at position \d+.*$/, '').replace(/\s*in JSON$/, '');
    // Anything that may still hold a piece of the file is dropped.
    if (reason === '' || /["`\\]/.test(reason) || reason.length > 80) reason = 'syntax error';
    else reason = reason[0]!.toLowerCase() + reason.slice(1);
  }
  return `${where}: invalid JSON: ${reason}; expected ${EXPECTED}`;
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}
