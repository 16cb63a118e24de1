/** The CLI's exit codes, a contract with CI scripts. */
export const EXIT = {
  ok: 0,
  gateFailed: 1,
  usage: 2,
  benchmarkError: 3,
} as const;

import type { Status } from '../report/types.js';

export function exitCodeFor(status: Status): number {
  if (status === 'fail') return EXIT.gateFailed;
  if (status === 'error') return EXIT.benchmarkError;
  return EXIT.ok;
}
