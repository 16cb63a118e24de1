import type { CarbonFacts } from '../carbon/grid-method.js';
import type { BaselineData, GateBenchmark } from './baseline.js';
import { evaluateGate, type BenchmarkGate, type GateResult } from './evaluate.js';
import { DEFAULT_REGRESSION, type BudgetUse, type ResolvedBudget, type TotalBudget } from './types.js';

export interface ApplyOptions {
  /** Each benchmark's budget by name (from the config, or as recorded in a report). */
  budgetOf(name: string): ResolvedBudget | undefined;
  total?: TotalBudget;
  baseline: BaselineData | null;
}

/** What the gate reads from a report: a run's Report and a validated report file both fit. */
export interface Gateable {
  benchmarks: GateBenchmark[];
  totals: { energyJ: number; co2eG: number; budget?: TotalBudget; budgetUse?: BudgetUse[] };
  /** The grid, compared with the baseline's; absent in reports from other tools (then not compared). */
  carbon?: CarbonFacts | undefined;
}

/** A report after the gate: every benchmark carries its gate fields, and the report a verdict. */
// `totals` named again: Omit drops every known key of a type with an index signature (a loose zod object).
export type Gated<R extends Gateable> = Omit<R, 'benchmarks' | 'verdict' | 'totals'> & {
  benchmarks: (R['benchmarks'][number] & BenchmarkGate)[];
  totals: R['totals'] & { budgetUse?: BudgetUse[] };
  verdict: GateResult['verdict'];
};

/**
 * The report with the gate's fields filled in. With a baseline, a benchmark without a budget records the
 * default regression tiers it was judged on, so `compare` on this report later applies the same ones.
 */
export function applyGate<R extends Gateable>(report: R, opts: ApplyOptions): Gated<R> {
  const withBudgets = report.benchmarks.map((b) => {
    const budget: ResolvedBudget | undefined =
      opts.budgetOf(b.name) ??
      (opts.baseline ? { regression: { ...DEFAULT_REGRESSION }, metric: 'energy' } : undefined);
    return { ...b, budget };
  });
  const result = evaluateGate(withBudgets, {
    baseline: opts.baseline,
    ...(opts.total ? { total: opts.total } : {}),
    totals: report.totals,
    ...(report.carbon ? { carbon: report.carbon } : {}),
  });
  const benchmarks = report.benchmarks.map((b, i) => merge(b, result.benchmarks[i]!));
  return {
    ...report,
    benchmarks,
    totals: {
      ...report.totals,
      ...(opts.total ? { budget: opts.total } : {}),
      ...(result.totalUse.length ? { budgetUse: result.totalUse } : {}),
    },
    verdict: result.verdict,
  };
}

/** Gate fields replace whatever an earlier gate wrote (a report read back for `compare`). */
function merge<B extends GateBenchmark>(b: B, g: BenchmarkGate): B & BenchmarkGate {
  const {
    budget: _b,
    stats: _s,
    comparison: _c,
    budgetUse: _u,
    metricChanges: _m,
    layerDiff: _l,
    ...rest
  } = b as B & Partial<BenchmarkGate>;
  return {
    ...rest,
    status: g.status,
    ...(g.budget ? { budget: g.budget } : {}),
    ...(g.stats ? { stats: g.stats } : {}),
    ...(g.comparison ? { comparison: g.comparison } : {}),
    reasons: g.reasons,
    ...(g.budgetUse ? { budgetUse: g.budgetUse } : {}),
    ...(g.metricChanges ? { metricChanges: g.metricChanges } : {}),
    ...(g.layerDiff ? { layerDiff: g.layerDiff } : {}),
  } as B & BenchmarkGate;
}
