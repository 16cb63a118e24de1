/** What a live provider returns, already in g CO2e/kWh. */
export interface LiveIntensity {
  gPerKwh: number;
  /** The time the figure describes (ISO 8601), when the provider says. */
  measuredAt?: string;
  /** lifecycle | operational | marginal. */
  method: string;
  /** Human-readable provenance: provider, zone, method. */
  source: string;
}

/** Base URL from env (tests, proxies) else the public API; trailing slashes dropped. */
export function baseUrl(envValue: string | undefined, fallback: string): string {
  return (envValue?.trim() || fallback).replace(/\/+$/, '');
}
