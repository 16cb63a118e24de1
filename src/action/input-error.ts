import { CarbonGateError } from '../errors/carbon-gate-error.js';

/** An action input that cannot be used; the message names the input and what it accepts. */
export class InputError extends CarbonGateError {
  override readonly name = 'InputError';
}
