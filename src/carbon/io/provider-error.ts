/** A live provider or metadata call that failed; callers fall back to embedded data with a warning. */
export type ProviderFault = 'auth' | 'rate-limit' | 'server' | 'client' | 'timeout' | 'network' | 'malformed';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
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
