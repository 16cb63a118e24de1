import type { Writable } from 'node:stream';
import type { EngineSinks } from '../engine/types.js';

/** The CLI's engine output: progress, notes and warnings on stderr; benchmark output where asked. */
export function cliSinks(
  benchOutput: Writable,
  opts: { progress?: boolean; prefix?: boolean } = {},
): EngineSinks {
  const line = (m: string) => process.stderr.write(`carbon-gate: ${m}\n`);
  return {
    benchOutput,
    ...(opts.prefix === false ? { prefix: () => '' } : {}),
    progress: opts.progress === false ? () => {} : line,
    note: line,
    warn: (m) => line(`warning: ${m}`),
  };
}
