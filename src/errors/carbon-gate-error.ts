/**
 * The base of every error carbon-gate raises on purpose (ky's model: one base, a `name` per class). An
 * adapter tells "the user gave us something we cannot use" (`userFacing`: one line per message, exit 2, no
 * stack) from a bug by type, never by probing for properties.
 */
export abstract class CarbonGateError extends Error {
  abstract override readonly name: string;
  /** True when the cause is the user's input (config, flags, inputs, files): printed as is, exit 2. */
  readonly userFacing: boolean = true;

  /** Complete one-line messages, printed as they are. */
  get lines(): string[] {
    return this.message.split('\n');
  }
}

export function isUserFacing(e: unknown): e is CarbonGateError {
  return e instanceof CarbonGateError && e.userFacing;
}
