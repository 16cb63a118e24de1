import { gridIdentity, type CarbonFacts, type GridIdentity } from '../carbon/grid-method.js';
import type { Adaptive, BaselineSourceName, GateMetric, ResolvedBudget } from './types.js';
import { DEFAULT_QUALITY } from '../config/metric-budget-schema.js';
import type { LayerCost } from '../runner/metrics-file.js';
import type { Status } from '../report/types.js';

/**
 * What the gate needs from one benchmark of a report: its status and the per-repeat figures. A run's
 * report, a previous report read from a file and a history entry all fit it.
 */
export interface GateSample {
  status: 'ok' | 'error';
  energyJ: number;
  co2eG: number;
  durationS: number;
  /** What the benchmark reported (accuracy, loss…): metric budgets and efficiency read the numbers. */
  metrics?: Record<string, number | string> | undefined;
  /** The meter's warnings (other load in the figure): repeated in the verdict, never a status. */
  warnings?: readonly string[] | undefined;
  /** The benchmark's own share of energyJ (`regression.metric: attributed`). */
  attributedJ?: number | undefined;
  /** The windows the benchmark marked: the gate compares these when every sample on both sides has them. */
  task?: { energyJ: number; durationS: number; co2eG: number; attributedJ?: number | undefined } | undefined;
  /** Mean machine utilisation and the benchmark's share of it: how much other load the figure carries. */
  utilisation?: number | undefined;
  processShare?: number | undefined;
}

export interface GateBenchmark {
  name: string;
  status: Status;
  reason?: string;
  samples: GateSample[];
  perUnit?: { count: number };
  budget?: ResolvedBudget;
  /** TF.js benchmarks: the model's layers, compared with the baseline's when both have them. */
  layers?: readonly LayerCost[] | undefined;
  /** A/B with adaptive pairs: the interval's level at the look where the pairs stopped. */
  adaptive?: Adaptive | undefined;
}

/**
 * The successful repeats' figures per metric, in repeat order (paired comparisons pair them by index).
 * `reported`: each metric the benchmark reported as a number in every successful repeat.
 */
export type MetricSamples = Record<GateMetric, number[]> & {
  reported: Record<string, number[]>;
  layers?: readonly LayerCost[];
  /** The same metrics over the marked windows, when every successful repeat has them (src/meter/task-window.ts). */
  task?: Record<GateMetric, number[]>;
  /** Per repeat: the share of the machine's CPU other processes kept busy (utilisation × (1 − share)). */
  foreignLoad: number[];
};

export interface BaselineData {
  source: BaselineSourceName;
  /** The commit, file or history entry the baseline came from, for the report. */
  ref?: string;
  /** paired: sample i of base and head ran back to back (A/B); independent: separate runs. */
  method: 'paired' | 'independent';
  benchmarks: Map<string, MetricSamples>;
  note?: string;
  /** The baseline's grid (method, source, year), when it records one: CO2e comparisons need the same. */
  grid?: GridIdentity;
}

/** One interface for every baseline: a previous report (file), a paired A/B run (ab), the data branch (history). */
export interface BaselineSource {
  readonly source: BaselineSourceName;
  load(): Promise<BaselineData>;
}

/** The metric that counts as quality for a benchmark: its budget's, else accuracy. */
export const qualityOf = (b: Pick<GateBenchmark, 'budget'>): string => b.budget?.quality ?? DEFAULT_QUALITY;

export function metricSamples(b: GateBenchmark): MetricSamples {
  const ok = b.samples.filter((s) => s.status === 'ok');
  const reported = reportedSamples(ok);
  const figures = (pick: (s: GateSample) => Figures | undefined) => gateFigures(ok, pick, b, reported);
  const task = ok.length && ok.every((s) => s.task) ? figures((s) => s.task) : undefined;
  return {
    ...figures((s) => s),
    reported,
    foreignLoad: ok.flatMap((s) =>
      s.utilisation === undefined || s.processShare === undefined
        ? []
        : [s.utilisation * (1 - s.processShare)],
    ),
    ...(task ? { task } : {}),
    ...(b.layers?.length ? { layers: b.layers } : {}),
  };
}

type Figures = Pick<GateSample, 'energyJ' | 'co2eG' | 'durationS' | 'attributedJ'>;

/** Each gated metric of the repeats, from the whole run's figures or the marked windows'. */
function gateFigures(
  ok: readonly GateSample[],
  pick: (s: GateSample) => Figures | undefined,
  b: GateBenchmark,
  reported: Record<string, number[]>,
): Record<GateMetric, number[]> {
  const f = ok.map((s) => pick(s)!);
  const count = b.perUnit?.count;
  const energy = f.map((x) => x.energyJ);
  const attributed = f.every((x) => x.attributedJ !== undefined) ? f.map((x) => x.attributedJ!) : [];
  return {
    energy,
    co2e: f.map((x) => x.co2eG),
    duration: f.map((x) => x.durationS),
    perUnit: count ? f.map((x) => x.co2eG / count) : [],
    efficiency: efficiencySamples(energy, reported, qualityOf(b)),
    attributed,
  };
}

/** Each metric reported as a finite number by every one of `ok`, in order; the others are left out. */
function reportedSamples(ok: readonly GateSample[]): Record<string, number[]> {
  // No prototype: a metric may be named __proto__.
  const out = Object.create(null) as Record<string, number[]>;
  const names = new Set(ok.flatMap((s) => Object.keys(s.metrics ?? {})));
  for (const name of names) {
    const values = ok.map((s) => s.metrics?.[name]);
    if (values.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) out[name] = values;
  }
  return out;
}

/** Joules per unit of quality, repeat by repeat; empty unless every repeat reported a positive quality. */
export function efficiencySamples(
  energy: readonly number[],
  reported: Readonly<Record<string, number[]>>,
  quality: string,
): number[] {
  const q = Object.hasOwn(reported, quality) ? reported[quality]! : undefined;
  if (!q || q.length !== energy.length || q.some((v) => v <= 0)) return [];
  return energy.map((e, i) => e / q[i]!);
}

/**
 * What a baseline may say about its grid: a report's `carbon`, or a history record's `grid`. Neither, in
 * reports and records written before grids were compared: then nothing is checked.
 */
export interface BaselineGridFacts {
  carbon?: CarbonFacts | undefined;
  grid?: GridIdentity | undefined;
}

/** A report's successful benchmarks as baseline data; errored ones are left out (nothing to compare with). */
export function baselineFromReport(
  report: { benchmarks: readonly GateBenchmark[] } & BaselineGridFacts,
  info: Omit<BaselineData, 'benchmarks' | 'grid'>,
): BaselineData {
  const benchmarks = new Map<string, MetricSamples>();
  for (const b of report.benchmarks) if (b.status !== 'error') benchmarks.set(b.name, metricSamples(b));
  const grid = report.grid ?? gridIdentity(report.carbon);
  return { ...info, benchmarks, ...(grid ? { grid } : {}) };
}
