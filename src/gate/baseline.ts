import { gridIdentity, type CarbonFacts, type GridIdentity } from '../carbon/grid-method.js';
import type { BaselineSourceName, GateMetric, ResolvedBudget } from './types.js';
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
}

export interface GateBenchmark {
  name: string;
  status: Status;
  reason?: string;
  samples: GateSample[];
  perUnit?: { count: number };
  budget?: ResolvedBudget;
}

/** The successful repeats' figures per metric, in repeat order (paired comparisons pair them by index). */
export type MetricSamples = Record<GateMetric, number[]>;

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

export function metricSamples(b: GateBenchmark): MetricSamples {
  const ok = b.samples.filter((s) => s.status === 'ok');
  const count = b.perUnit?.count;
  return {
    energy: ok.map((s) => s.energyJ),
    co2e: ok.map((s) => s.co2eG),
    duration: ok.map((s) => s.durationS),
    perUnit: count ? ok.map((s) => s.co2eG / count) : [],
  };
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
