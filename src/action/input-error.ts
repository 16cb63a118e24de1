/** An action input that cannot be used; the message names the input and what it accepts. */
export class InputError extends Error {
  override name = 'InputError';
}
