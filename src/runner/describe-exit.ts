import type { CommandResult } from './types.js';

/** Words for how a command ended, for reports and logs. */
export function describeExit(
  r: Pick<CommandResult, 'exitCode' | 'signal' | 'timedOut'>,
  timeoutS: number,
): string {
  if (r.timedOut) return `timed out after ${timeoutS} s (process group killed)`;
  if (r.signal) return `killed by signal ${r.signal}`;
  if (r.exitCode !== 0) return `exited with code ${r.exitCode}`;
  return 'ok';
}
