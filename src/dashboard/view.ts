import type { Tier } from '../gate/types.js';
import type { StoredRecord } from '../github/history/record.js';
import { utcMinute } from '../report/carbon-lines.js';
import { MIN_CI_SAMPLES } from '../stats/bootstrap.js';
import type { BudgetLine } from './chart-svg.js';
import type { LinkBase } from './links.js';
import type { Estimate } from './series.js';

/** Limits drawn on a chart: the energy and CO2e tiers of a benchmark or of the suite's total. */
export interface Limits {
  energyJ?: Tier | undefined;
  co2eG?: Tier | undefined;
}

/** What the site is built from: the records (validated by record.ts), and what the records do not hold. */
export interface SiteInput {
  records: readonly StoredRecord[];
  /** Where the records came from, shown on the page (escaped): "branch carbon-gate-data", a folder. */
  source: string;
  /** The build's time: the team budget's month to date is this time's UTC month. */
  now: Date;
  /** Commit and run links; without it points and rows have none. */
  links?: LinkBase | undefined;
  /** Budgets of a config (records do not store them): per benchmark name, and the suite's total. */
  budgets?:
    { source: string; benchmarks: ReadonlyMap<string, Limits>; total?: Limits | undefined } | undefined;
  /** The team's monthly CO2e limit in grams, when one is set. */
  teamLimitG?: number | undefined;
}

export const tierLines = (t: Tier | undefined): BudgetLine[] => [
  ...(t?.warn !== undefined ? [{ level: 'warn' as const, value: t.warn }] : []),
  ...(t?.fail !== undefined ? [{ level: 'fail' as const, value: t.fail }] : []),
];

/** "12.3 J" and "11.9 J to 12.8 J" (or "— (n = 3)" below MIN_CI_SAMPLES, "—" when not computed). */
export function estimateText(e: Estimate, format: (v: number) => string, n: number): [string, string] {
  const ci = e.ci95
    ? `${format(e.ci95[0])} to ${format(e.ci95[1])}`
    : n < MIN_CI_SAMPLES
      ? `— (n = ${n})`
      : '—';
  return [format(e.median), ci];
}

export const when = (iso: string) => utcMinute(iso);
export const short = (sha: string) => sha.slice(0, 7);
