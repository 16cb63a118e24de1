import { CarbonGateError } from './carbon-gate-error.js';

/** Bad command-line usage or a bad input value: exit code 2, one line, no stack trace. */
export class UsageError extends CarbonGateError {
  override readonly name = 'UsageError';
}
