import { DEFAULT_LEVEL, independentRatio, MIN_CI_SAMPLES, pairedRatio } from '../stats/bootstrap.js';
import { median } from '../stats/median.js';
import {
  percentFixed,
  percentSignificant,
  plainDecimal,
  ratioChangeWithInterval,
  signedPercent,
} from '../text/format-number.js';
import { mostSevere, tierUses, type Check } from './budget-check.js';
import { METRIC_LABEL } from './format.js';
import type { BaselineData } from './baseline.js';
import type { Comparison, GateMetric, Tier } from './types.js';

export interface CompareOptions {
  /**
   * Paired comparisons: the interval's confidence level (adaptive pairs spend their 5 % over several looks,
   * src/stats/sequential.ts); recorded on the comparison when it is not 0.95. Default 0.95.
   */
  level?: number | undefined;
  /** The tiers it will be judged on: the comparison then records `mde` (mdeAt). */
  tier?: Tier | undefined;
}

/** head ÷ base of one metric; null when either side has no sample of it. */
export function compare(
  metric: GateMetric,
  head: readonly number[],
  base: readonly number[],
  baseline: Pick<BaselineData, 'source' | 'method'>,
  opts: CompareOptions = {},
): Comparison | null {
  const mh = median(head);
  const mb = median(base);
  if (mh === null || mb === null || mb <= 0) return null;
  const common = { metric, base: mb, head: mh, baseline: baseline.source };
  let c: Comparison;
  if (baseline.method === 'paired') {
    const level = opts.level ?? DEFAULT_LEVEL;
    const p = pairedRatio(head, base, undefined, level);
    c = {
      ...common,
      ratio: p.ratio!,
      ci95: p.ci95,
      method: 'paired',
      pairs: p.pairs,
      ...(level !== DEFAULT_LEVEL ? { level } : {}),
    };
  } else {
    const r = independentRatio(head, base);
    c = { ...common, ratio: r.ratio!, ci95: r.ci95, method: 'independent' };
  }
  const mde = opts.tier ? mdeAt(c, opts.tier) : null;
  return mde === null ? c : { ...c, mde };
}

/**
 * The smallest regression (a fraction) this comparison could have caught at the limit it is judged on (the
 * fail tier, else warn): with the same noise, one estimated at (1 + limit) ÷ (1 − h) − 1, h being the
 * interval's relative reach below the estimate, has its lower bound on the limit; anything larger fails.
 * It is given however narrow the interval (then it is just above the limit). null
 * without an interval or a limit.
 */
export function mdeAt(c: Pick<Comparison, 'ratio' | 'ci95'>, tier: Tier): number | null {
  const limit = tier.fail ?? tier.warn;
  if (limit === undefined || !c.ci95) return null;
  const h = 1 - c.ci95[0] / c.ratio;
  const mde = (1 + limit) / (1 - h) - 1;
  return Number.isFinite(mde) && mde >= 0 ? mde : null;
}

/**
 * A regression tier trips only when the interval's lower bound exceeds it: noise alone must push every
 * plausible ratio past the limit before a build fails. `use` records that lower bound against each tier.
 */
export function checkRegression(c: Comparison, tier: Tier, baseCount: number, headCount: number): Check {
  // An interval other than 95 % (adaptive pairs) says its level: [-1.2, +6.3] alone reads as 95 %.
  const level = c.level !== undefined && c.ci95 ? ` (${plainDecimal(c.level * 100, 4)} % interval)` : '';
  const what = `${METRIC_LABEL[c.metric]} ${ratioChangeWithInterval(c.ratio, c.ci95)}${level} vs base`;
  if (!c.ci95) {
    const counts = c.method === 'paired' ? `${c.pairs ?? 0} pairs` : `head ${headCount}, base ${baseCount}`;
    return {
      status: 'pass',
      reasons: [
        `${what}: too few samples for a 95 % interval (${counts}; need ${MIN_CI_SAMPLES} each): regression not checked`,
      ],
      use: [],
    };
  }
  const lower = c.ci95[0] - 1;
  const use = tierUses('regression', lower, tier, (limit) => (lower / limit) * 100);
  const tripped = mostSevere(use, (u) => u.observed > u.limitValue);
  if (!tripped) return { status: 'pass', reasons: resolutionNote(c, tier, what), use };
  return {
    status: tripped.level,
    reasons: [
      `${what}: lower bound ${signedPercent(lower)} % exceeds the ${tripped.level} limit ${signedPercent(tripped.use.limitValue)} % (${percentSignificant(tripped.use.percent)} of budget)`,
    ],
    use,
  };
}

/**
 * A pass means little when the interval reaches further below the estimate than the limit it is judged
 * against. The estimate and interval scale together (log-scale statistics, seeded bootstrap), so with the
 * same noise a regression estimated at (1 + limit) ÷ (1 − h) − 1, h being the interval's relative reach
 * below the estimate, would still have its lower bound on the limit and pass. Say so, with that size,
 * rather than let such a pass read as "no regression".
 */
function resolutionNote(c: Comparison, tier: Tier, what: string): string[] {
  const limit = tier.fail ?? tier.warn;
  const passes = mdeAt(c, tier);
  if (limit === undefined || !c.ci95 || passes === null) return [];
  const h = 1 - c.ci95[0] / c.ratio;
  // Only when the interval reaches further below the estimate than the limit: else the limit is resolved.
  if (h <= limit) return [];
  const level = tier.fail !== undefined ? 'fail' : 'warn';
  return [
    `${what}: the interval reaches ${percentFixed(h, 1)} below the estimate, more than the ${level} limit ${signedPercent(limit)} %, so even a regression estimated at about ${signedPercent(passes)} % would pass; more repeats or a longer benchmark narrow it`,
  ];
}
