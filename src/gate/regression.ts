import { independentRatio, MIN_CI_SAMPLES, pairedRatio } from '../stats/bootstrap.js';
import { median } from '../stats/median.js';
import {
  percentFixed,
  percentSignificant,
  ratioChangeWithInterval,
  signedPercent,
} from '../text/format-number.js';
import { mostSevere, tierUses, type Check } from './budget-check.js';
import { METRIC_LABEL } from './format.js';
import type { BaselineData } from './baseline.js';
import type { Comparison, GateMetric, Tier } from './types.js';

/** head ÷ base of one metric; null when either side has no sample of it. */
export function compare(
  metric: GateMetric,
  head: readonly number[],
  base: readonly number[],
  baseline: Pick<BaselineData, 'source' | 'method'>,
): Comparison | null {
  const mh = median(head);
  const mb = median(base);
  if (mh === null || mb === null || mb <= 0) return null;
  const common = { metric, base: mb, head: mh, baseline: baseline.source };
  if (baseline.method === 'paired') {
    const p = pairedRatio(head, base);
    return { ...common, ratio: p.ratio!, ci95: p.ci95, method: 'paired', pairs: p.pairs };
  }
  const r = independentRatio(head, base);
  return { ...common, ratio: r.ratio!, ci95: r.ci95, method: 'independent' };
}

/**
 * A regression tier trips only when the interval's lower bound exceeds it: noise alone must push every
 * plausible ratio past the limit before a build fails. `use` records that lower bound against each tier.
 */
export function checkRegression(c: Comparison, tier: Tier, baseCount: number, headCount: number): Check {
  const what = `${METRIC_LABEL[c.metric]} ${ratioChangeWithInterval(c.ratio, c.ci95)} vs base`;
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
 * The smallest regression this comparison could have caught at `limit` (a fraction): with the same noise, one
 * estimated at (1 + limit) ÷ (1 − h) − 1, h being the interval's relative reach below the estimate, would
 * still have its lower bound on the limit and pass. null without an interval or when h ≤ limit (the
 * interval is narrower than the limit: the limit itself is what the gate resolves).
 */
export function smallestCaught(c: Pick<Comparison, 'ratio' | 'ci95'>, limit: number): number | null {
  if (!c.ci95) return null;
  const h = 1 - c.ci95[0] / c.ratio;
  const passes = (1 + limit) / (1 - h) - 1;
  return h <= limit || !Number.isFinite(passes) ? null : passes;
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
  if (limit === undefined || !c.ci95) return [];
  const passes = smallestCaught(c, limit);
  if (passes === null) return [];
  const h = 1 - c.ci95[0] / c.ratio;
  const level = tier.fail !== undefined ? 'fail' : 'warn';
  return [
    `${what}: the interval reaches ${percentFixed(h, 1)} below the estimate, more than the ${level} limit ${signedPercent(limit)} %, so even a regression estimated at about ${signedPercent(passes)} % would pass; more repeats or a longer benchmark narrow it`,
  ];
}
