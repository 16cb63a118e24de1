import { CarbonGateError } from './carbon-gate-error.js';

/** Where an unknown region code came from: the adapter's override (a flag or an input), the config or the env. */
export type RegionCodeOrigin = 'flag' | 'config' | 'env';

const NAMED: Record<Exclude<RegionCodeOrigin, 'flag'>, string> = {
  config: 'region',
  env: 'CARBON_GATE_REGION',
};

/**
 * An unknown region code (exit 2, before any benchmark runs). `detail` names no flag or input: the CLI
 * words an override as `--region: …`, the Action as `input region: …`; the config key and the env
 * variable are the same for both and are named here.
 */
export class RegionError extends CarbonGateError {
  override readonly name = 'RegionError';
  constructor(
    readonly origin: RegionCodeOrigin,
    readonly detail: string,
  ) {
    super(origin === 'flag' ? `region: ${detail}` : `${NAMED[origin]}: ${detail}`);
  }

  /** The message with the override named as the adapter's users know it. */
  worded(overrideName: string): string {
    return this.origin === 'flag' ? `${overrideName}: ${this.detail}` : this.message;
  }
}
