/** Default sampling interval: fine enough for second-long benchmarks, cheap enough to stay under 1 % of a core. */
export const DEFAULT_INTERVAL_S = 0.5;
