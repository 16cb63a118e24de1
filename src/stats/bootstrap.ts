import { hodgesLehmann, hodgesLehmannShift } from './hodges-lehmann.js';
import { median } from './median.js';
import { mulberry32 } from './prng.js';

/**
 * Percentile-bootstrap intervals (95 % unless a level is given), seeded so the same samples always give the same interval (and
 * verdict). Percentile bootstraps under-cover at small n — a bootstrapped median never leaves the sample's
 * range, and [min, max] holds the true median with probability 1 − 2^(1−n): 75 % at n = 3, 93.8 % at n = 5
 * — so below 5 samples no interval is given rather than an overstated one.
 */
export const MIN_CI_SAMPLES = 5;
export const RESAMPLES = 2000;
const SEED = 0x5eed;

/** The usual two-sided confidence level; adaptive pairs ask for more at each of several looks (sequential.ts). */
export const DEFAULT_LEVEL = 0.95;

export type Interval = [number, number];

/** The central `level` share of `values` (sorted in place): the (1 − level) ÷ 2 and (1 + level) ÷ 2 quantiles. */
export function percentiles(values: number[], level = DEFAULT_LEVEL): Interval {
  const s = values.sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
  const tail = (1 - level) / 2;
  return [at(tail), at(1 - tail)];
}

function resample(xs: readonly number[], rand: () => number, into: number[]): number[] {
  for (let i = 0; i < xs.length; i++) into[i] = xs[Math.floor(rand() * xs.length)]!;
  return into;
}

function bootstrap(
  xs: readonly number[],
  stat: (s: number[]) => number,
  seed: number,
  level = DEFAULT_LEVEL,
): Interval {
  const rand = mulberry32(seed);
  const buf: number[] = new Array<number>(xs.length);
  const out: number[] = [];
  for (let b = 0; b < RESAMPLES; b++) out.push(stat(resample(xs, rand, buf)));
  return percentiles(out, level);
}

/** 95 % interval of the median of `xs`; null below MIN_CI_SAMPLES. */
export function medianCi(xs: readonly number[], seed = SEED): Interval | null {
  return xs.length < MIN_CI_SAMPLES ? null : bootstrap(xs, (s) => median(s)!, seed);
}

/**
 * Paired: per-pair differences head_i − base_i, summarised by Hodges–Lehmann, with a bootstrap over pairs.
 * Ratios are differences of logs (pairedRatio); metrics such as accuracy are compared as differences.
 */
export function pairedShift(
  head: readonly number[],
  base: readonly number[],
  seed = SEED,
  level = DEFAULT_LEVEL,
) {
  const n = Math.min(head.length, base.length);
  const diffs = Array.from({ length: n }, (_, i) => head[i]! - base[i]!);
  const shift = hodgesLehmann(diffs);
  // Named ci95 for the reports' field; its level is `level` (0.95 unless asked otherwise).
  const ci95 = n < MIN_CI_SAMPLES ? null : bootstrap(diffs, (s) => hodgesLehmann(s)!, seed, level);
  return { shift, ci95, pairs: n };
}

/** Independent samples: the two-sample Hodges–Lehmann shift head − base, each side resampled on its own. */
export function independentShift(
  head: readonly number[],
  base: readonly number[],
  seed = SEED,
  level = DEFAULT_LEVEL,
) {
  const shift = hodgesLehmannShift(head, base);
  if (shift === null || head.length < MIN_CI_SAMPLES || base.length < MIN_CI_SAMPLES)
    return { shift, ci95: null };
  const rand = mulberry32(seed);
  const hb: number[] = new Array<number>(head.length);
  const bb: number[] = new Array<number>(base.length);
  const shifts: number[] = [];
  for (let b = 0; b < RESAMPLES; b++)
    shifts.push(hodgesLehmannShift(resample(head, rand, hb), resample(base, rand, bb))!);
  return { shift, ci95: percentiles(shifts, level) };
}

const exp = (ci: Interval | null): Interval | null => (ci ? [Math.exp(ci[0]), Math.exp(ci[1])] : null);

/**
 * Paired: per-pair ratios head_i ÷ base_i (pairs share the machine's drift, the ratio cancels it),
 * summarised on the log scale by Hodges–Lehmann, with a bootstrap over pairs.
 */
export function pairedRatio(
  head: readonly number[],
  base: readonly number[],
  seed = SEED,
  level = DEFAULT_LEVEL,
) {
  const p = pairedShift(head.map(Math.log), base.map(Math.log), seed, level);
  return { ratio: p.shift === null ? null : Math.exp(p.shift), ci95: exp(p.ci95), pairs: p.pairs };
}

/** Independent samples: the two-sample Hodges–Lehmann shift of log values, each side resampled on its own. */
export function independentRatio(
  head: readonly number[],
  base: readonly number[],
  seed = SEED,
  level = DEFAULT_LEVEL,
) {
  const r = independentShift(head.map(Math.log), base.map(Math.log), seed, level);
  return { ratio: r.shift === null ? null : Math.exp(r.shift), ci95: exp(r.ci95) };
}
