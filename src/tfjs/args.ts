import { issueLines } from '../config/issues.js';
import { TfjsSchema } from '../config/tfjs-schema.js';
import type { TfjsArgs } from './command.js';

export type ParsedArgs = { ok: true; args: TfjsArgs } | { ok: false; message: string };

/**
 * The runner's one argument: the benchmark's `tfjs` mapping as JSON (carbon-gate writes it). Checked
 * again with the config's schema, so a hand-written invocation gets the same messages as a config.
 */
export function parseRunnerArgs(argv: readonly string[]): ParsedArgs {
  const usage = "usage: tfjs-runner.js '<json>' (the tfjs mapping of a carbon-gate.yml benchmark)";
  if (argv.length !== 1 || !argv[0]) return { ok: false, message: usage };
  let value: unknown;
  try {
    value = JSON.parse(argv[0]);
  } catch {
    return { ok: false, message: `the argument is not JSON; ${usage}` };
  }
  const parsed = TfjsSchema.safeParse(value);
  if (parsed.success) return { ok: true, args: parsed.data };
  return { ok: false, message: issueLines(parsed.error.issues, value, TfjsSchema, 'tfjs').join('; ') };
}
