import { contentProblem } from './content-checks.js';
import { issueLines } from './issues.js';
import { MAX_ERROR_LINES } from './limits.js';
import { ConfigSchema, type Config } from './schema.js';
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
  if (!yaml.ok) return yaml;
  const parsed = ConfigSchema.safeParse(yaml.value);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: issueLines(parsed.error.issues, yaml.value, ConfigSchema, file) };
}

function capped(errors: string[], file: string): string[] {
  if (errors.length <= MAX_ERROR_LINES) return errors;
  const rest = errors.length - MAX_ERROR_LINES;
  return [...errors.slice(0, MAX_ERROR_LINES), `${file}: … and ${rest} more problem${rest === 1 ? '' : 's'}`];
}
