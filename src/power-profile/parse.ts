import { issueLines } from '../config/issues.js';
import { MAX_ERROR_LINES } from '../config/limits.js';
import { PowerProfileSchema, type PowerProfile } from './schema.js';

export type ParsePowerProfileResult = { ok: true; profile: PowerProfile } | { ok: false; errors: string[] };

/** Validates profile JSON text; `file` only prefixes the one-line errors. Never throws. */
export function parsePowerProfileText(text: string, file: string): ParsePowerProfileResult {
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'syntax error';
    return { ok: false, errors: [`${file}: invalid JSON: ${message}`] };
  }
  const parsed = PowerProfileSchema.safeParse(value);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const lines = issueLines(parsed.error.issues, value, PowerProfileSchema, file);
  return { ok: false, errors: lines.slice(0, MAX_ERROR_LINES) };
}
