import { CarbonGateError } from './carbon-gate-error.js';

/**
 * An invalid or unreadable config file. `lines` are complete, one-line messages
 * (`<file>: <path>: expected …, found …`) meant to be printed as they are, one per line,
 * without a stack trace.
 */
export class ConfigError extends CarbonGateError {
  override readonly name = 'ConfigError';
  readonly #lines: string[];

  constructor(lines: string[]) {
    super(lines.join('\n'));
    this.#lines = lines;
  }

  override get lines(): string[] {
    return this.#lines;
  }
}
