import type { FailOn } from './inputs.js';

/** Whether the verdict fails the step under `fail-on`. A benchmark error fails unless `never`. */
export function failsStep(status: 'pass' | 'warn' | 'fail' | 'error', failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  if (status === 'error' || status === 'fail') return true;
  return status === 'warn' && failOn === 'warn';
}
