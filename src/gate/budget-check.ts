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
  const use: BudgetUse[] = [];
  for (const level of ['warn', 'fail'] as const) {
    const limitValue = tier[level];
    if (limitValue !== undefined) {
      use.push({ limit: `${key}.${level}`, observed, limitValue, percent: share(observed, limitValue) });
    }
  }
  const tripped = [...use].reverse().find((u) => u.observed > u.limitValue);
  if (!tripped) return { status: 'pass', reasons: [], use };
  const level = tripped.limit.endsWith('.fail') ? 'fail' : 'warn';
  return {
    status: level,
    reasons: [
      `${label} ${format(observed)} exceeds the ${level} limit ${format(tripped.limitValue)} (${percentSignificant(tripped.percent)} of budget)`,
    ],
    use,
  };
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
