import { CarbonGateError } from './carbon-gate-error.js';

/**
 * Why the base side of a paired A/B run cannot be had. The message names the revision and the problem,
 * never a flag or an input: the CLI says `run: --ab REF: …`, the Action `baseline ab: …`.
 */
export type BaseRevisionProblem = 'option-like' | 'not-a-repository' | 'unresolvable' | 'no-config';

export class BaseRevisionError extends CarbonGateError {
  override readonly name = 'BaseRevisionError';
  constructor(
    readonly problem: BaseRevisionProblem,
    readonly ref: string,
    detail: string,
  ) {
    super(detail);
  }
}
