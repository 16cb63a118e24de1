/**
 * How often RAPL counters must be read so that a wrap is never missed. A counter wraps every
 * range / P seconds at power P; if two wraps fell between readings one would be lost. Each
 * zone gets interval ≤ range / (2 × P), with P the larger of a plausible ceiling and the
 * highest power seen on it, so even twice that power wraps at most once between readings.
 * Typical ranges are 262 kJ (Intel, 2^32 × 61 µJ) and 65 kJ (AMD): at 1 kW that is 131 s and
 * 33 s, so on real hardware the configured interval (0.5 s by default) always wins.
 */

/** Power one RAPL domain is assumed never to exceed (large server packages draw ~400 W). */
export const MAX_PLAUSIBLE_W = 1000;
/** Floor so a tiny or broken range cannot turn the sampler into a busy loop. */
export const MIN_INTERVAL_S = 0.01;

export function wrapSafeIntervalS(
  configuredS: number,
  zones: readonly { rangeUj: number; peakW: number }[],
): number {
  let interval = configuredS;
  for (const z of zones) {
    const watts = Math.max(MAX_PLAUSIBLE_W, z.peakW);
    interval = Math.min(interval, z.rangeUj / 1e6 / (2 * watts));
  }
  return Math.max(MIN_INTERVAL_S, interval);
}
