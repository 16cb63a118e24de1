import { MIN_CI_SAMPLES } from '../stats/bootstrap.js';
import { lookPlan } from '../stats/sequential.js';
import { plainDecimal, signedPercent } from '../text/format-number.js';
import { checkRegression, compare } from './regression.js';
import type { Adaptive, Comparison, GateMetric, Tier } from './types.js';

/**
 * Adaptive pairs (issue 13): the decision taken at each look of a sequential A/B, shared by the runner
 * (src/gate/ab-run.ts, through the engine's judge, which gates the runs so far exactly as the final gate
 * will) and by the evidence scripts (adaptiveGate below).
 */

/** Pairs an A/B run may grow to when `maxRepeat` is not set: 5 looks (5, 7, 10, 14, 20) from the default 5. */
export const DEFAULT_MAX_REPEAT = 20;

/** What a look decided: stop (resolved) or add pairs, and why, in words for the progress line. */
export interface Judgement {
  resolved: boolean;
  /** When not resolved: "interval -1.2 % … +6.3 % (99 %) straddles the fail limit +10.0 %". */
  why?: string;
}

/**
 * The tier limit the interval straddles — lower bound ≤ limit < upper bound, so more pairs could still move
 * the verdict across it — the fail limit first; null when every limit is on one side of the interval.
 */
export function straddledLimit(
  ci: readonly [number, number],
  tier: Tier,
): { name: 'warn' | 'fail'; limit: number } | null {
  for (const name of ['fail', 'warn'] as const) {
    const limit = tier[name];
    if (limit !== undefined && ci[0] - 1 <= limit && limit < ci[1] - 1) return { name, limit };
  }
  return null;
}

/**
 * Resolved when more pairs cannot change the verdict's tier: the interval lies wholly above or below each
 * limit. No comparison at all (nothing comparable on one side) is resolved too — pairs do not fix that —
 * but a comparison without an interval for want of pairs is not.
 */
export function judgeLook(c: Comparison | undefined, tier: Tier): Judgement {
  if (!c) return { resolved: true };
  if (!c.ci95) {
    const pairs = c.pairs ?? 0;
    return pairs < MIN_CI_SAMPLES
      ? { resolved: false, why: `${pairs} pairs are too few for an interval (need ${MIN_CI_SAMPLES})` }
      : { resolved: true };
  }
  const s = straddledLimit(c.ci95, tier);
  if (!s) return { resolved: true };
  const level = c.level === undefined ? '' : ` (${plainDecimal(c.level * 100, 4)} %)`;
  const [lo, hi] = c.ci95.map((x) => `${signedPercent(x - 1)} %`);
  return {
    resolved: false,
    why: `interval ${lo} … ${hi}${level} straddles the ${s.name} limit ${signedPercent(s.limit)} %`,
  };
}

/** The bounds of adaptive pairs: the configured repeats (the first look) and the cap. */
export interface PairBounds {
  minPairs: number;
  maxPairs: number;
}

export interface SimulatedGate {
  status: 'pass' | 'warn' | 'fail';
  comparison: Comparison;
  adaptive: Adaptive;
}

/**
 * One adaptive paired gate on pairs drawn by `drawPair` (e.g. resampled from measured pairs), for the
 * evidence scripts: the runner's looks, levels, comparison, decision and check, without running anything.
 * Only `resolved` and `max-repeat` stops exist here (no clock, no failures).
 */
export function adaptiveGate(
  drawPair: () => readonly [head: number, base: number],
  tier: Tier,
  bounds: PairBounds,
  metric: GateMetric = 'energy',
): SimulatedGate {
  const plan = lookPlan(bounds.minPairs, bounds.maxPairs);
  const head: number[] = [];
  const base: number[] = [];
  for (const [k, n] of plan.looks.entries()) {
    while (head.length < n) {
      const [h, b] = drawPair();
      head.push(h);
      base.push(b);
    }
    const c = compare(metric, head, base, { source: 'ab', method: 'paired' }, { level: plan.level, tier });
    if (!c) throw new Error('adaptiveGate: a pair without a positive base value');
    const resolved = judgeLook(c, tier).resolved;
    const last = k === plan.looks.length - 1;
    if (!resolved && !last) continue;
    const check = checkRegression(c, tier, n, n);
    const status = check.status === 'error' ? 'fail' : check.status;
    return {
      status,
      comparison: c,
      adaptive: { pairs: n, ...bounds, level: plan.level, stop: resolved ? 'resolved' : 'max-repeat' },
    };
  }
  throw new Error('adaptiveGate: no look');
}
