/** The gate's vocabulary: budgets in SI units, statistics, comparisons. Report fields reuse these types. */

export const GATE_METRICS = ['energy', 'co2e', 'duration', 'perUnit'] as const;
/** The figure a regression is judged on: energy (J), CO2e (g), duration (s) or CO2e per functional unit (g). */
export type GateMetric = (typeof GATE_METRICS)[number];

/** Either tier may be absent. Absolute limits are in J or g; regression limits are fractions (0.05 = 5 %). */
export interface Tier {
  warn?: number;
  fail?: number;
}

/** A benchmark's budget after merging the top-level one with its own, key by key. */
export interface ResolvedBudget {
  energyJ?: Tier;
  co2eG?: Tier;
  perUnitCo2eG?: Tier;
  regression?: Tier;
  metric: GateMetric;
}

/** Limits on the whole suite (sums of the benchmarks' medians). */
export interface TotalBudget {
  energyJ?: Tier;
  co2eG?: Tier;
}

/** A median and its bootstrap 95 % interval; null when there are too few samples for one. */
export interface Summary {
  median: number;
  ci95: [number, number] | null;
}

export interface BenchmarkStats {
  n: number;
  energyJ: Summary;
  co2eG: Summary;
  durationS: Summary;
}

export type BaselineSourceName = 'file' | 'ab' | 'history';

/** head ÷ base of the gated metric, with the interval the regression tiers are judged on. */
export interface Comparison {
  metric: GateMetric;
  /** Medians of the metric on each side. */
  base: number;
  head: number;
  /** Hodges–Lehmann estimate of head ÷ base: of the per-pair log-ratios (paired) or of all log differences (independent). */
  ratio: number;
  ci95: [number, number] | null;
  method: 'paired' | 'independent';
  pairs?: number;
  baseline: BaselineSourceName;
}

/** One limit checked: `limit` names it ("energy.fail", "regression.warn"), `percent` = observed ÷ limit × 100. */
export interface BudgetUse {
  limit: string;
  observed: number;
  limitValue: number;
  percent: number;
}

export interface BaselineInfo {
  source: BaselineSourceName | 'none';
  ref?: string;
  note?: string;
}

/** Regression tiers used when a baseline exists and no budget sets them. */
export const DEFAULT_REGRESSION: Required<Tier> = { warn: 0.05, fail: 0.1 };
export const NO_BASELINE_NOTE = 'no baseline: regression not checked';
