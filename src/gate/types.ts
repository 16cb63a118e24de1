import { z } from 'zod';

/**
 * The gate's vocabulary: budgets in SI units, statistics, comparisons. Report fields reuse these, so each
 * type is inferred from its zod schema: the report schema (src/report/schema.ts) is built from the same
 * pieces and cannot drift from them. zod 4 numbers reject NaN and ±Infinity.
 */

export const GATE_METRICS = ['energy', 'co2e', 'duration', 'perUnit', 'efficiency', 'attributed'] as const;
/**
 * The figure a regression is judged on: energy (J), CO2e (g), duration (s), CO2e per functional unit (g),
 * efficiency: energy (J) per unit of the benchmark's quality metric (lower is better, like the others), or
 * attributed: the benchmark's own share of the machine's energy (J), for runners shared with other jobs.
 */
export type GateMetric = (typeof GATE_METRICS)[number];

/** Either tier may be absent. Absolute limits are in J or g; regression limits are fractions (0.05 = 5 %). */
export const TierSchema = z.object({ warn: z.number().optional(), fail: z.number().optional() });
export type Tier = z.infer<typeof TierSchema>;

const metricName = z.string().max(64);
/** A change limit on a metric: in the metric's unit, or (relative) a fraction of the baseline's value. */
export const ChangeTierSchema = TierSchema.extend({ relative: z.boolean() });
/** Limits on one reported metric: min/max on its median, drop/rise against the baseline. */
export const MetricLimitSchema = z.object({
  min: TierSchema.optional(),
  max: TierSchema.optional(),
  drop: ChangeTierSchema.optional(),
  rise: ChangeTierSchema.optional(),
});
export type MetricLimit = z.infer<typeof MetricLimitSchema>;

/** A benchmark's budget after merging the top-level one with its own, key by key (metrics: name by name). */
export const ResolvedBudgetSchema = z.object({
  energyJ: TierSchema.optional(),
  co2eG: TierSchema.optional(),
  perUnitCo2eG: TierSchema.optional(),
  regression: TierSchema.optional(),
  metric: z.enum(GATE_METRICS),
  /** The metric that counts as quality (efficiency = energy ÷ it); recorded when it is gated. */
  quality: metricName.optional(),
  metrics: z.record(metricName, MetricLimitSchema).optional(),
});
export type ResolvedBudget = z.infer<typeof ResolvedBudgetSchema>;

/** Limits on the whole suite (sums of the benchmarks' medians). */
export const TotalBudgetSchema = z.object({ energyJ: TierSchema.optional(), co2eG: TierSchema.optional() });
export type TotalBudget = z.infer<typeof TotalBudgetSchema>;

const interval = z.tuple([z.number(), z.number()]).nullable();

/** A median and its bootstrap 95 % interval; null when there are too few samples for one. */
export const SummarySchema = z.object({ median: z.number(), ci95: interval });
export type Summary = z.infer<typeof SummarySchema>;

export const BenchmarkStatsSchema = z.object({
  n: z.number(),
  energyJ: SummarySchema,
  co2eG: SummarySchema,
  durationS: SummarySchema,
});
export type BenchmarkStats = z.infer<typeof BenchmarkStatsSchema>;

export const BASELINE_SOURCES = ['file', 'ab', 'history'] as const;
export type BaselineSourceName = (typeof BASELINE_SOURCES)[number];

/** head ÷ base of the gated metric, with the interval the regression tiers are judged on. */
export const ComparisonSchema = z.object({
  metric: z.enum(GATE_METRICS),
  /** Medians of the metric on each side. */
  base: z.number(),
  head: z.number(),
  /** Hodges–Lehmann estimate of head ÷ base: of the per-pair log-ratios (paired) or of all log differences (independent). */
  ratio: z.number(),
  ci95: interval,
  method: z.enum(['paired', 'independent']),
  pairs: z.number().optional(),
  baseline: z.enum(BASELINE_SOURCES),
  /**
   * What was compared: the windows the benchmark marked (`task`, when every sample on both sides has them)
   * or the whole run (`run`; absent in reports written before task windows).
   */
  window: z.enum(['task', 'run']).optional(),
  /** The confidence level of ci95: 0.95 unless adaptive pairs spent their error rate over several looks. */
  level: z.number().min(0).max(1).optional(),
  /**
   * The smallest regression (a fraction, 0.07 = +7 %) this comparison could have caught at the limit it was
   * judged on: with the same noise, a larger one would have had its interval's lower bound above the limit.
   */
  mde: z.number().nonnegative().optional(),
  /**
   * CO2e and per-unit comparisons only: how the baseline's grid differs from this run's ("method: lifecycle
   * → operational"), when it does. The ratio then mixes the grid's change with the code's. Energy and
   * duration do not depend on the grid and are never flagged; A/B runs share one grid.
   */
  gridMismatch: z.array(z.string().max(400)).max(5).optional(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

/** head − base of a metric the benchmark reported (accuracy, loss…), with the 95 % interval of the shift. */
export const MetricChangeSchema = z.object({
  metric: z.string().max(64),
  base: z.number(),
  head: z.number(),
  /** Hodges–Lehmann estimate of head − base, in the metric's unit. */
  change: z.number(),
  ci95: interval,
  method: z.enum(['paired', 'independent']),
  pairs: z.number().optional(),
});
export type MetricChange = z.infer<typeof MetricChangeSchema>;

/** One limit checked: `limit` names it ("energy.fail", "regression.warn"), `percent` = observed ÷ limit × 100. */
export const BudgetUseSchema = z.object({
  limit: z.string().max(100),
  observed: z.number(),
  limitValue: z.number(),
  percent: z.number(),
});
export type BudgetUse = z.infer<typeof BudgetUseSchema>;

/** Why adaptive pairs stopped adding pairs (src/gate/ab-run.ts). */
export const ADAPTIVE_STOPS = ['resolved', 'max-repeat', 'max-time', 'error', 'interrupted'] as const;

/** A/B runs with adaptive pairs: how many pairs ran, within what bounds, and why they stopped. */
export const AdaptiveSchema = z.object({
  pairs: z.number().int().nonnegative(),
  minPairs: z.number().int().nonnegative(),
  maxPairs: z.number().int().nonnegative(),
  /** The confidence level of the interval at the look where it stopped (alpha spent over the looks). */
  level: z.number().min(0).max(1),
  stop: z.enum(ADAPTIVE_STOPS),
});
export type Adaptive = z.infer<typeof AdaptiveSchema>;

export const BaselineInfoSchema = z.object({
  source: z.enum([...BASELINE_SOURCES, 'none']),
  ref: z.string().max(200).optional(),
  note: z.string().max(2000).optional(),
});
export type BaselineInfo = z.infer<typeof BaselineInfoSchema>;

/** Regression tiers used when a baseline exists and no budget sets them. */
export const DEFAULT_REGRESSION: Required<Tier> = { warn: 0.05, fail: 0.1 };

/** The regression tiers a benchmark is judged on: its budget's, else the default ones. */
export const regressionTier = (budget: { regression?: Tier | undefined } | undefined): Tier =>
  budget?.regression ?? DEFAULT_REGRESSION;
export const NO_BASELINE_NOTE = 'no baseline: regression not checked';
