import { gridIdentity, gridMismatch, methodNotMet, type CarbonFacts } from '../carbon/grid-method.js';
import type { Status } from '../report/types.js';
import { formatEnergy, formatMass, percentFixed } from '../text/format-number.js';
import { median } from '../stats/median.js';
import {
  efficiencySamples,
  metricSamples,
  qualityOf,
  type BaselineData,
  type GateBenchmark,
  type MetricSamples,
} from './baseline.js';
import { checkTier, combine, NO_CHECK, type Check } from './budget-check.js';
import { METRIC_LABEL } from './format.js';
import { checkMetrics, metricChanges } from './metric-check.js';
import { diffLayers, type LayerDiff } from '../report/layer-diff.js';
import type { LayerCost } from '../runner/metrics-file.js';
import { checkRegression, compare } from './regression.js';
import { benchmarkStats } from './stats.js';
import { worst } from './status.js';
import {
  regressionTier,
  NO_BASELINE_NOTE,
  type BaselineInfo,
  type BenchmarkStats,
  type BudgetUse,
  type Comparison,
  type GateMetric,
  type MetricChange,
  type ResolvedBudget,
  type TotalBudget,
} from './types.js';

export interface BenchmarkGate {
  status: Status;
  reasons: string[];
  budget?: ResolvedBudget;
  stats?: BenchmarkStats;
  comparison?: Comparison;
  budgetUse?: BudgetUse[];
  /** Every metric both sides reported, head − base, largest relative moves first. */
  metricChanges?: MetricChange[];
  /** TF.js models on both sides: the layers added, removed or resized and the MACs they move. */
  layerDiff?: LayerDiff;
}

export interface GateResult {
  benchmarks: BenchmarkGate[];
  verdict: { status: Status; reasons: string[]; baseline: BaselineInfo };
  /** The suite-total limits checked (budget.total). */
  totalUse: BudgetUse[];
}

export interface GateOptions {
  baseline: BaselineData | null;
  total?: TotalBudget;
  totals?: { energyJ: number; co2eG: number };
  /** This run's carbon: its grid, compared with the baseline's, and the method `intensity.method` asked for. */
  carbon?: CarbonFacts;
}

/** How the verdict's reasons about budget.total begin (merge re-judges the total and replaces them). */
export const SUITE_TOTAL = 'suite total: ';

/** The gate, pure: budgets and regressions per benchmark, suite totals, one verdict. Same samples, same verdict. */
export function evaluateGate(benchmarks: readonly GateBenchmark[], opts: GateOptions): GateResult {
  // A/B: both sides ran in this run, on one grid. Elsewhere the baseline may have used another.
  const mismatch =
    opts.baseline && opts.baseline.source !== 'ab'
      ? gridMismatch(opts.baseline.grid, gridIdentity(opts.carbon))
      : [];
  const gates = benchmarks.map((b) => gateBenchmark(b, opts.baseline, mismatch));
  const total = totalCheck(opts);
  const status = worst(...gates.map((g) => g.status), total.status);
  const reasons = [
    ...gridNotes(opts.carbon, mismatch, benchmarks, gates),
    ...benchmarks.flatMap((b, i) => gates[i]!.reasons.map((r) => `${b.name}: ${r}`)),
    ...total.reasons.map((r) => `${SUITE_TOTAL}${r}`),
    // The meter's warnings (e.g. another process on a metered GPU): the figure includes that load. Never a status.
    ...[...new Set(benchmarks.flatMap((b) => b.samples.flatMap((s) => s.warnings ?? [])))].slice(0, 20),
  ];
  const baseline: BaselineInfo = opts.baseline
    ? {
        source: opts.baseline.source,
        ...(opts.baseline.ref ? { ref: opts.baseline.ref } : {}),
        ...(opts.baseline.note ? { note: opts.baseline.note } : {}),
      }
    : { source: 'none', note: NO_BASELINE_NOTE };
  return { benchmarks: gates, verdict: { status, reasons, baseline }, totalUse: total.use };
}

/** Metrics computed through the grid intensity: only their comparisons depend on the two sides' grids. */
const GRID_METRICS: ReadonlySet<GateMetric> = new Set(['co2e', 'perUnit']);

/**
 * Notes on the grid, never a status: the method asked for but not given (the figure is kept; a notice
 * says so too), and a baseline on another grid (method, source or year), whose CO2e comparisons are not
 * like for like. The gate still judges them as measured: the notes say why a ratio may have moved.
 */
function gridNotes(
  carbon: CarbonFacts | undefined,
  mismatch: readonly string[],
  benchmarks: readonly GateBenchmark[],
  gates: readonly BenchmarkGate[],
): string[] {
  const notes: string[] = [];
  const unmet = methodNotMet(carbon);
  if (unmet) notes.push(unmet);
  if (!mismatch.length || !gates.some((g) => g.comparison)) return notes;
  const affected = benchmarks.filter((_, i) => gates[i]!.comparison?.gridMismatch).map((b) => b.name);
  const differs = `the baseline's grid differs from this run's (${mismatch.join('; ')})`;
  if (!affected.length) {
    notes.push(
      `${differs}: energy and duration comparisons are unaffected; the two runs' CO2e figures are not like for like`,
    );
    return notes;
  }
  const shown = affected.slice(0, 3).map((n) => (n.length > 60 ? `${n.slice(0, 59)}…` : n));
  const names = shown.join(', ') + (affected.length > 3 ? ` and ${affected.length - 3} more` : '');
  notes.push(
    `${differs}: the CO2e comparisons (${names}) mix the grid's change with the code's; SCI needs the same method on both sides (the same region and intensity source on both, or gate on energy)`,
  );
  return notes;
}

function gateBenchmark(
  b: GateBenchmark,
  baseline: BaselineData | null,
  mismatch: readonly string[],
): BenchmarkGate {
  const samples = metricSamples(b);
  const stats = benchmarkStats(samples);
  const common = { ...(b.budget ? { budget: b.budget } : {}), ...(stats ? { stats } : {}) };
  if (b.status === 'error' || !stats) {
    return { ...common, status: 'error', reasons: [b.reason ?? 'error'] };
  }
  const budget = b.budget;
  const base = baseline?.benchmarks.get(b.name);
  const absolute = budget ? absoluteChecks(budget, b, stats) : NO_CHECK;
  const reg = regressionCheck(b, samples, baseline, mismatch);
  const metrics = budget?.metrics ? checkMetrics(budget.metrics, samples, base, baseline) : NO_CHECK;
  const all = combine([absolute, reg.check, metrics]);
  const changes = base && baseline ? metricChanges(samples, base, baseline.method) : [];
  // Both sides list every layer (with `units`): older reports kept only the top layers by MACs.
  const full = (l: readonly LayerCost[] | undefined) => !!l?.some((x) => x.units !== undefined);
  const layerDiff =
    full(base?.layers) && full(samples.layers) ? diffLayers(base!.layers!, samples.layers!) : null;
  return {
    ...common,
    ...(reg.comparison ? { comparison: reg.comparison } : {}),
    ...(changes.length ? { metricChanges: changes } : {}),
    ...(layerDiff ? { layerDiff } : {}),
    status: all.status,
    reasons: all.reasons,
    ...(all.use.length ? { budgetUse: all.use } : {}),
  };
}

function absoluteChecks(budget: ResolvedBudget, b: GateBenchmark, stats: BenchmarkStats): Check {
  const checks: Check[] = [];
  if (budget.energyJ)
    checks.push(checkTier('energy', 'energy', stats.energyJ.median, budget.energyJ, formatEnergy));
  if (budget.co2eG) checks.push(checkTier('co2e', 'CO2e', stats.co2eG.median, budget.co2eG, formatMass));
  if (budget.perUnitCo2eG) {
    const count = b.perUnit?.count;
    checks.push(
      count
        ? checkTier(
            'perUnit.co2e',
            'CO2e per unit',
            stats.co2eG.median / count,
            budget.perUnitCo2eG,
            formatMass,
          )
        : {
            ...NO_CHECK,
            reasons: ['per-unit budget not checked: the benchmark declares no functional unit'],
          },
    );
  }
  return combine(checks);
}

function regressionCheck(
  b: GateBenchmark,
  samples: ReturnType<typeof metricSamples>,
  baseline: BaselineData | null,
  mismatch: readonly string[],
): { check: Check; comparison?: Comparison } {
  const metric = b.budget?.metric ?? 'energy';
  // Gated on efficiency, the head must report its quality: losing it must not turn the gate off.
  const unmeasurable = metric === 'efficiency' ? qualityProblem(b, samples) : undefined;
  if (unmeasurable) return { check: unmeasurable };
  if (!baseline) return { check: NO_CHECK };
  const base = baseline.benchmarks.get(b.name);
  if (!base) return { check: { ...NO_CHECK, reasons: ['not in the baseline: regression not checked'] } };
  // The marked windows when both sides have them for every repeat: what the benchmark says it measures.
  const window: 'task' | 'run' = samples.task && base.task ? 'task' : 'run';
  const headValues = window === 'task' ? samples.task![metric] : samples[metric];
  const baseValues = baseSide(metric, window === 'task' ? { ...base, ...base.task! } : base, b);
  const compared = compare(metric, headValues, baseValues, baseline, {
    level: b.adaptive?.level,
    tier: regressionTier(b.budget),
  });
  const comparison = compared && {
    ...compared,
    window,
    ...(mismatch.length && GRID_METRICS.has(metric) ? { gridMismatch: [...mismatch] } : {}),
  };
  const notes = windowNotes(samples, base, metric);
  if (!comparison) {
    const why =
      metric === 'perUnit'
        ? 'a functional unit on both sides'
        : metric === 'efficiency'
          ? `${qualityOf(b)} > 0 reported in every successful repeat of the baseline`
          : metric === 'attributed'
            ? 'attributed energy in every successful repeat on both sides (a CPU meter; GPU energy is not split by CPU time)'
            : 'successful samples on both sides';
    return {
      check: {
        ...NO_CHECK,
        reasons: [...notes, `${METRIC_LABEL[metric]}: regression not checked: needs ${why}`],
      },
    };
  }
  const tier = regressionTier(b.budget);
  const check = checkRegression(comparison, tier, baseValues.length, headValues.length);
  return { check: { ...check, reasons: [...notes, ...check.reasons] }, comparison };
}

/** Other processes' share of the machine's CPU (median over repeats) above which the verdict says so. */
export const FOREIGN_LOAD_NOTE_AT = 0.1;

/**
 * Why the figure compared may not be the one expected: one side marked windows and the other did not (the
 * whole runs are compared), or other processes loaded the machine while whole-machine energy was judged.
 */
function windowNotes(head: MetricSamples, base: MetricSamples, metric: GateMetric): string[] {
  const notes: string[] = [];
  if (!!head.task !== !!base.task)
    notes.push(
      `task windows: only the ${head.task ? 'head' : 'baseline'} marked them in every repeat, so the whole runs are compared`,
    );
  const foreign = median(head.foreignLoad);
  if (metric !== 'attributed' && metric !== 'duration' && foreign !== null && foreign > FOREIGN_LOAD_NOTE_AT)
    notes.push(
      `other processes kept ${percentFixed(foreign, 0)} of the machine's CPU busy during these runs (median): whole-machine energy includes their load; regression.metric: attributed judges the benchmark's own share`,
    );
  return notes;
}

/** Efficiency needs the quality metric in every successful repeat (an error if not) and above 0 (a fail). */
function qualityProblem(b: GateBenchmark, samples: MetricSamples): Check | undefined {
  const quality = qualityOf(b);
  if (samples.efficiency.length || !samples.energy.length) return undefined;
  const values = Object.hasOwn(samples.reported, quality) ? samples.reported[quality]! : undefined;
  if (!values)
    return {
      status: 'error',
      reasons: [
        `quality metric ${quality}: not reported by the benchmark in every successful repeat (regression.metric: efficiency needs it)`,
      ],
      use: [],
    };
  return {
    status: 'fail',
    reasons: [
      `quality metric ${quality} is ${Math.min(...values)} in a repeat: energy per quality is unbounded`,
    ],
    use: [],
  };
}

/** The baseline's figures of `metric`; efficiency with this benchmark's quality metric, whatever the base named. */
function baseSide(metric: GateMetric, base: MetricSamples, b: GateBenchmark): number[] {
  if (metric !== 'efficiency') return base[metric];
  return efficiencySamples(base.energy, base.reported, qualityOf(b));
}

function totalCheck(opts: GateOptions): Check {
  if (!opts.total || !opts.totals) return NO_CHECK;
  const t = opts.total;
  return combine([
    t.energyJ ? checkTier('total.energy', 'energy', opts.totals.energyJ, t.energyJ, formatEnergy) : NO_CHECK,
    t.co2eG ? checkTier('total.co2e', 'CO2e', opts.totals.co2eG, t.co2eG, formatMass) : NO_CHECK,
  ]);
}
