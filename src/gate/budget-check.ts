import type { Status } from '../report/types.js';
import { percentSignificant } from '../text/format-number.js';
import { worst } from './status.js';
import type { BudgetUse, Tier } from './types.js';

export interface Check {
  status: Status;
  reasons: string[];
  use: BudgetUse[];
}

export const NO_CHECK: Check = { status: 'pass', reasons: [], use: [] };

/**
 * One absolute limit (a median against warn and fail). Every configured tier is recorded in `use`; only
 * the most severe one exceeded becomes a reason, naming the limit, the observed value, the limit's value
 * and the share of the budget used.
 */
export function checkTier(
  key: string,
  label: string,
  observed: number,
  tier: Tier,
  format: (v: number) => string,
): Check {
  const use = tierUses(key, observed, tier, (limit) => share(observed, limit));
  const tripped = mostSevere(use, (u) => u.observed > u.limitValue);
  if (!tripped) return { status: 'pass', reasons: [], use };
  return {
    status: tripped.level,
    reasons: [
      `${label} ${format(observed)} exceeds the ${tripped.level} limit ${format(tripped.use.limitValue)} (${percentSignificant(tripped.use.percent)} of budget)`,
    ],
    use,
  };
}

/** Each configured tier of one limit as a budget use ("key.warn", "key.fail"), `percent` from its limit. */
export function tierUses(
  key: string,
  observed: number,
  tier: Tier,
  percent: (limitValue: number) => number,
): BudgetUse[] {
  return (['warn', 'fail'] as const).flatMap((level) => {
    const limitValue = tier[level];
    return limitValue === undefined
      ? []
      : [{ limit: `${key}.${level}`, observed, limitValue, percent: percent(limitValue) }];
  });
}

/** The most severe tier `past` says was passed (fail before warn), or undefined. */
export function mostSevere(
  use: readonly BudgetUse[],
  past: (u: BudgetUse) => boolean,
): { level: 'warn' | 'fail'; use: BudgetUse } | undefined {
  const tripped = [...use].reverse().find(past);
  if (!tripped) return undefined;
  return { level: tripped.limit.endsWith('.fail') ? 'fail' : 'warn', use: tripped };
}

/**
 * Budget use that is a share of a budget: absolute limits (energy, CO2e, per unit, a metric's min and max).
 * Regression tiers (`regression.*`, a metric's drop and rise) compare an interval's bound with a change:
 * no share of a budget; tables show them as the Δ.
 */
export function isBudgetShare(limit: string): boolean {
  return !/^regression\.|^metrics\..+\.(drop|rise)\.(warn|fail)$/.test(limit);
}

/**
 * observed ÷ limit × 100 for a ceiling, limit ÷ observed × 100 for a floor: above 100 means past the limit.
 * Only a share of positive figures means anything; otherwise (a zero or negative limit, metrics such as a
 * log-likelihood) 0 or 100 + by which side of the limit the figure is, so the report never holds NaN or ∞.
 */
export function share(observed: number, limitValue: number, floor = false): number {
  if (limitValue > 0 && observed > 0) return (floor ? limitValue / observed : observed / limitValue) * 100;
  const past = floor ? observed < limitValue : observed > limitValue;
  return past ? 101 : 0;
}

export function combine(checks: Check[]): Check {
  return checks.reduce<Check>(
    (acc, c) => ({
      status: worst(acc.status, c.status),
      reasons: [...acc.reasons, ...c.reasons],
      use: [...acc.use, ...c.use],
    }),
    NO_CHECK,
  );
}
