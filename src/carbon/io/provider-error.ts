import { CarbonGateError } from '../../errors/carbon-gate-error.js';

/** A live provider or metadata call that failed; callers fall back to embedded data with a warning. */
export type ProviderFault = 'auth' | 'rate-limit' | 'server' | 'client' | 'timeout' | 'network' | 'malformed';

export class ProviderError extends CarbonGateError {
  override readonly name = 'ProviderError';
  override readonly userFacing = false;
  readonly fault: ProviderFault;

  constructor(fault: ProviderFault, message: string) {
    super(message);
    this.fault = fault;
  }

  /** Worth one more try: the next attempt may succeed where auth or shape errors never will. */
  get retryable(): boolean {
    return ['rate-limit', 'server', 'timeout', 'network'].includes(this.fault);
  }
}
