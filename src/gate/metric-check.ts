import { MIN_CI_SAMPLES, independentShift, pairedShift } from '../stats/bootstrap.js';
import { median } from '../stats/median.js';
import { percentSignificant, signedPercent, signedSig3 } from '../text/format-number.js';
import type { BaselineData, MetricSamples } from './baseline.js';
import { checkTier, combine, mostSevere, NO_CHECK, share, tierUses, type Check } from './budget-check.js';
import type { MetricChange, MetricLimit, Tier } from './types.js';

/**
 * Limits on what a benchmark reports (budget.metrics): min/max on the median over successful repeats, and
 * drop/rise against the baseline judged like energy regressions — on the interval's bound nearest to no
 * change, so noise alone never fails a build. A limited metric the benchmark did not report is an error.
 */
export function checkMetrics(
  limits: Readonly<Record<string, MetricLimit>>,
  head: MetricSamples,
  base: MetricSamples | undefined,
  baseline: Pick<BaselineData, 'method'> | null,
): Check {
  const checks: Check[] = [];
  for (const [name, limit] of Object.entries(limits)) {
    const values = Object.hasOwn(head.reported, name) ? head.reported[name]! : undefined;
    if (!values?.length) {
      checks.push({
        status: 'error',
        reasons: [
          `metric ${name}: not reported by the benchmark in every successful repeat (budget.metrics.${name} needs it)`,
        ],
        use: [],
      });
      continue;
    }
    const m = median(values)!;
    if (limit.max) checks.push(checkTier(`metrics.${name}.max`, name, m, limit.max, signedSig3));
    if (limit.min) checks.push(checkMin(name, m, limit.min));
    for (const direction of ['drop', 'rise'] as const) {
      const tier = limit[direction];
      if (tier) checks.push(checkChange(name, direction, tier, values, base, baseline));
    }
  }
  return combine(checks);
}

/** A floor: trips below warn or fail. `percent` is limit ÷ observed, so above 100 % means below the floor. */
function checkMin(name: string, observed: number, tier: Tier): Check {
  const use = tierUses(`metrics.${name}.min`, observed, tier, (limit) => share(observed, limit, true));
  const tripped = mostSevere(use, (u) => u.observed < u.limitValue);
  if (!tripped) return { status: 'pass', reasons: [], use };
  return {
    status: tripped.level,
    reasons: [
      `${name} ${signedSig3(observed)} is below the ${tripped.level} limit ${signedSig3(tripped.use.limitValue)} (min)`,
    ],
    use,
  };
}

/** head − base of one reported metric, with its 95 % interval; null without a baseline value. */
export function compareMetric(
  name: string,
  head: readonly number[],
  base: readonly number[],
  method: BaselineData['method'],
): MetricChange | null {
  const mh = median(head);
  const mb = median(base);
  if (mh === null || mb === null) return null;
  const s = method === 'paired' ? pairedShift(head, base) : independentShift(head, base);
  if (s.shift === null) return null;
  return {
    metric: name,
    base: mb,
    head: mh,
    change: s.shift,
    ci95: s.ci95,
    method,
    ...('pairs' in s ? { pairs: s.pairs } : {}),
  };
}

function checkChange(
  name: string,
  direction: 'drop' | 'rise',
  tier: Tier & { relative: boolean },
  head: readonly number[],
  base: MetricSamples | undefined,
  baseline: Pick<BaselineData, 'method'> | null,
): Check {
  const label = `${name} ${direction}`;
  if (!baseline) return NO_CHECK;
  const baseValues = base && Object.hasOwn(base.reported, name) ? base.reported[name]! : undefined;
  if (!baseValues?.length) {
    return { ...NO_CHECK, reasons: [`${label} not checked: the baseline has no ${name} figures`] };
  }
  const c = compareMetric(name, head, baseValues, baseline.method)!;
  const what = `${name} ${changeText(c, tier.relative)} vs base`;
  if (!c.ci95) {
    return {
      ...NO_CHECK,
      reasons: [
        `${what}: too few samples for a 95 % interval (need ${MIN_CI_SAMPLES} each): ${direction} not checked`,
      ],
    };
  }
  if (tier.relative && c.base <= 0) {
    return {
      ...NO_CHECK,
      reasons: [`${what}: a relative ${direction} needs a positive baseline value: not checked`],
    };
  }
  // The smallest move in the harmful direction the interval allows (negative: maybe none at all).
  const least = direction === 'drop' ? -c.ci95[1] : c.ci95[0];
  const observed = tier.relative ? least / c.base : least;
  if (!Number.isFinite(observed)) {
    return {
      ...NO_CHECK,
      reasons: [`${what}: a relative ${direction} of a baseline this close to 0 is undefined: not checked`],
    };
  }
  const shown = (v: number) => (tier.relative ? `${signedPercent(v)} %` : signedSig3(v, true));
  const use = tierUses(`metrics.${name}.${direction}`, observed, tier, (limit) => (observed / limit) * 100);
  const tripped = mostSevere(use, (u) => u.observed > u.limitValue);
  if (!tripped) return { status: 'pass', reasons: [], use };
  const at = (v: number) => shown(v).replace(/^\+/, '');
  return {
    status: tripped.level,
    reasons: [
      `${what}: a ${direction} of at least ${at(observed)} exceeds the ${tripped.level} limit ${at(tripped.use.limitValue)} (${percentSignificant(tripped.use.percent)} of the limit)`,
    ],
    use,
  };
}

/** "-0.0200 [-0.0250, -0.0150]" or, relative, "-2.3 % [-2.9, -1.7]". */
export function changeText(c: MetricChange, relative: boolean): string {
  const f = (v: number) => (relative && c.base > 0 ? signedPercent(v / c.base) : signedSig3(v, true));
  const ci = c.ci95 ? ` [${f(c.ci95[0])}, ${f(c.ci95[1])}]` : ' [no interval]';
  return `${f(c.change)}${relative && c.base > 0 ? ' %' : ''}${ci}`;
}

/** Every metric both sides reported, compared; the largest relative moves first, unchanged ones left out. */
export function metricChanges(
  head: MetricSamples,
  base: MetricSamples,
  method: BaselineData['method'],
  max = 20,
): MetricChange[] {
  const out: MetricChange[] = [];
  for (const name of Object.keys(head.reported)) {
    if (!Object.hasOwn(base.reported, name)) continue;
    const c = compareMetric(name, head.reported[name]!, base.reported[name]!, method);
    if (c && c.change !== 0) out.push(c);
  }
  const size = (c: MetricChange) => Math.abs(c.change) / (Math.abs(c.base) || 1);
  return out.sort((a, b) => size(b) - size(a)).slice(0, max);
}
