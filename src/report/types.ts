import type { LayerCost, MetricValue } from '../runner/metrics-file.js';
import type { ModelSummary } from './model-metrics.js';
import type { BreakdownJ, CpuMethod, GpuEnergy, GpuMethod } from '../meter/types.js';
import type { CleanerElsewhere } from '../carbon/cleaner-elsewhere.js';
import type { Equivalents } from '../carbon/equivalents.js';
import type { PerUnit } from '../carbon/functional-unit.js';
import type { CloudPlacement } from '../carbon/location.js';
import type { Projection } from '../carbon/projection.js';
import type { IntensitySourceName, RegionOrigin } from '../carbon/region.js';
import type {
  BaselineInfo,
  BenchmarkStats,
  BudgetUse,
  Comparison,
  ResolvedBudget,
  TotalBudget,
} from '../gate/types.js';

/** The report's JSON contract. Bump SCHEMA_VERSION on breaking changes. */
export const SCHEMA_VERSION = 1;

export type Status = 'pass' | 'warn' | 'fail' | 'error';

export interface SampleReport {
  repeat: number;
  status: 'ok' | 'error';
  reason?: string;
  exitCode: number | null;
  signal: string | null;
  durationS: number;
  energyJ: number;
  /** operationalG + embodiedG. */
  co2eG: number;
  /** energy × PUE × grid intensity. */
  operationalG: number;
  /** SCI M for this repeat's duration; 0 when embodied carbon is not counted. */
  embodiedG: number;
  breakdownJ: BreakdownJ;
  utilisation: number;
  processCpuS: number;
  processShare: number;
  /** Estimates only: the band implied by the power model's cross-validated error. */
  energyBandJ?: { low: number; high: number };
  gpus?: GpuEnergy[];
  notes: string[];
  /** What the benchmark reported through its metrics file (accuracy, loss…), TF.js layers and backend. */
  metrics?: Record<string, MetricValue>;
  layers?: LayerCost[];
  backend?: 'tensorflow' | 'wasm' | 'cpu';
}

export interface BenchmarkReport extends ModelSummary {
  name: string;
  kind: 'training' | 'inference' | 'other';
  command: string;
  status: Status;
  reason?: string;
  repeats: number;
  warmup: number;
  /** Medians over the successful repeats; null when none succeeded. */
  durationS: number | null;
  energyJ: number | null;
  /** operationalG + embodiedG: the SCI numerator, the figure budgets gate. */
  co2eG: number | null;
  operationalG: number | null;
  embodiedG: number | null;
  breakdownJ: BreakdownJ | null;
  processShare: number | null;
  /** Estimates only: medians of the samples' bands. */
  energyBandJ?: { low: number; high: number };
  /** SCI per functional unit, when the benchmark declares `unit`. */
  perUnit?: PerUnit;
  samples: SampleReport[];
  /** The gate (additive in schema 1). The budget applied, in SI units; absent when none is configured. */
  budget?: ResolvedBudget;
  /** Medians with bootstrap 95 % intervals (null below 5 successful repeats). */
  stats?: BenchmarkStats;
  /** head ÷ base of budget.metric, when there is a baseline with this benchmark in it. */
  comparison?: Comparison;
  /** Why the status is what it is (limits exceeded, regression found or not checked, errors). */
  reasons: string[];
  /** Every limit checked; for regression tiers `observed` is the interval's lower bound of head ÷ base − 1. */
  budgetUse?: BudgetUse[];
}

export interface EmbodiedReport {
  totalKg: number;
  lifetimeS: number;
  share: number;
  /** Embodied grams per hour of run time under this model. */
  gPerHour: number;
  source: string;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'carbon-gate'; version: string };
  createdAt: string;
  config: string;
  machine: {
    platform: string;
    cpuModel: string;
    logicalCpus: number;
    memoryGb: number;
    virtualised: boolean;
  };
  method: {
    cpu: CpuMethod;
    gpu: GpuMethod;
    powerModel: string;
    scope: string;
    basis: string[];
    intervalS: number;
    gpuNames?: string[];
  };
  carbon: {
    region: string;
    regionName: string;
    regionOrigin: RegionOrigin;
    intensityGPerKwh: number;
    intensityYear: number;
    source: string;
    pue: number;
    pueSource: string;
    /** The grid the intensity describes: country alpha-2/alpha-3, sub-national code or world. */
    grid: string;
    /** lifecycle | operational | marginal | unspecified | as given. */
    method: string;
    intensitySource: IntensitySourceName;
    measuredAt?: string;
    cloud?: CloudPlacement;
    /** null: embodied carbon not counted (a notice says so). */
    embodied: EmbodiedReport | null;
    /** Cloud regions only: the same energy in the provider's cleanest and dirtiest regions. */
    cleanerElsewhere?: CleanerElsewhere;
  };
  benchmarks: BenchmarkReport[];
  /** Sums of the benchmarks' medians: the footprint of one run of the suite. co2eG = operational + embodied. */
  totals: {
    durationS: number;
    energyJ: number;
    energyKwh: number;
    co2eG: number;
    operationalG: number;
    embodiedG: number;
    equivalents: Equivalents;
    /** The config's budget.total, in SI units, and the limits it checked. */
    budget?: TotalBudget;
    budgetUse?: BudgetUse[];
  };
  /** Patterson et al. projection, when the config declares `projection`. */
  projection?: Projection;
  /** error > fail > warn > pass over the benchmarks and the suite total; the baseline used, or none. */
  verdict: { status: Status; reasons: string[]; baseline: BaselineInfo };
  notices: string[];
}
