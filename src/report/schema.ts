import { z } from 'zod';
import { CleanerElsewhereSchema } from '../carbon/cleaner-elsewhere.js';
import { CleanerWhenSchema, ForecastInfoSchema } from '../carbon/cleaner-when.js';
import { EquivalentsSchema } from '../carbon/equivalents.js';
import { GRID_METHODS, IntensityMethodSchema } from '../carbon/grid-method.js';
import { PerUnitSchema } from '../carbon/functional-unit.js';
import { CloudPlacementSchema } from '../carbon/location.js';
import { ProjectionSchema } from '../carbon/projection.js';
import { IntensitySourceNameSchema, RegionOriginSchema } from '../carbon/region.js';
import {
  AdaptiveSchema,
  BaselineInfoSchema,
  BenchmarkStatsSchema,
  BudgetUseSchema,
  ComparisonSchema,
  MetricChangeSchema,
  ResolvedBudgetSchema,
  TotalBudgetSchema,
} from '../gate/types.js';
import {
  BreakdownJSchema,
  CpuMethodSchema,
  EnergyBandJSchema,
  GpuEnergySchema,
  GpuMethodSchema,
  TaskFiguresSchema,
} from '../meter/types.js';
import { GpuIdSchema, SkippedGpuSchema } from '../meter/visible-gpus.js';
import { SUITE_LIMITS } from '../config/limits.js';
import { MAX_METRIC_BUDGETS } from '../config/metric-budget-schema.js';
import { BackendSchema, LayersSchema, MetricsSchema } from '../runner/metrics-file.js';
import { MAX_SHARDS } from '../runner/shard.js';
import { LayerDiffSchema } from './layer-diff.js';
import { ModelSummarySchema } from './model-metrics.js';

/**
 * The report's JSON contract (.carbon-gate/carbon-report.json), once: the TS types (types.ts), the readers
 * (the action's trust boundary, the gate's baseline reader, the history record) and the published JSON
 * Schema are all derived from this. Nested pieces that other modules own (budgets, meter figures, carbon
 * extras) are schemas there, their types inferred from them, so nothing can drift.
 *
 * Every number is finite (zod 4 numbers reject NaN and ±Infinity) and every string and list is capped:
 * reports from forks' artifacts are read through a variant of this, so the caps are part of the contract.
 * The list caps are the config's (src/config/limits.ts), so any suite the config accepts has a report that
 * fits; the action parses its own report against them before rendering.
 *
 * Quantities that are non-negative by nature (energy, CO2e, durations, counts, intensities) are declared so
 * here, once, and every reader derived from this schema inherits it: a negative one is not a measurement.
 * Checks across fields (a verdict no better than its benchmarks, a record's dates) belong to the readers.
 */

/** Bump on breaking changes; fields added within a version are optional to readers. */
export const SCHEMA_VERSION = 1;

/**
 * List sizes. Benchmarks: the config's limit. Samples of one benchmark: at most its repeats (a report written
 * by another tool or version may hold more, so the cap is the whole suite's, not one benchmark's).
 */
export const REPORT_LIMITS = {
  benchmarks: SUITE_LIMITS.benchmarks,
  samples: SUITE_LIMITS.suiteRepeats,
  // A benchmark's own metric limits and the suite's (up to 2 × 16), each up to 4 reasons, beside the rest.
  benchmarkReasons: 200,
  verdictReasons: 1000,
  notices: 1000,
  // 8 energy, CO2e, per-unit and regression tiers; 8 per metric limit, the suite's and the benchmark's own
  // merged name by name (src/config/metric-budget-schema.ts).
  budgetUse: 8 + 8 * 2 * MAX_METRIC_BUDGETS,
} as const;

const text = (max: number) => z.string().max(max);
/** Sentences: reasons, notices, notes, provenance. */
const prose = text(2000);
/** Repeat numbers and counts: whole, and bounded like the config's repeat (1000) with room to spare. */
const count = z.number().int().min(0).max(100_000);
/** Joules, grams, seconds, shares and rates: finite and never below zero. */
const amount = z.number().nonnegative();
/** The meter's split of energy and an estimate's band, in joules: each part an amount. */
const BreakdownJ = BreakdownJSchema.extend({ cpu: amount, memory: amount, gpu: amount });
const EnergyBandJ = EnergyBandJSchema.extend({ low: amount, high: amount });
const GpuEnergy = GpuEnergySchema.extend({ energyJ: amount });
const TaskFigures = TaskFiguresSchema.extend({
  energyJ: amount,
  durationS: amount,
  processCpuS: amount,
  attributedJ: amount.optional(),
  windows: count,
  /** operational + embodied, as the sample's co2eG, for the windows' energy and time. */
  co2eG: amount,
});
const PerUnit = PerUnitSchema.extend({
  count: amount,
  energyJ: amount,
  co2eG: amount,
  per1000: PerUnitSchema.shape.per1000.extend({ energyKwh: amount, co2eG: amount }),
});
// The config is capped at 1 MiB, so no command in it is longer.
const MAX_COMMAND = 1024 * 1024;

export const StatusSchema = z.enum(['pass', 'warn', 'fail', 'error']);

export const SampleReportSchema = z.object({
  repeat: count,
  status: z.enum(['ok', 'error']),
  reason: prose.optional(),
  exitCode: z.number().int().nullable(),
  signal: text(40).nullable(),
  durationS: amount,
  energyJ: amount,
  /** operationalG + embodiedG. */
  co2eG: amount,
  /** energy × PUE × grid intensity. */
  operationalG: amount,
  /** SCI M for this repeat's duration; 0 when embodied carbon is not counted. */
  embodiedG: amount,
  breakdownJ: BreakdownJ,
  utilisation: amount,
  processCpuS: amount,
  processShare: amount,
  /** The benchmark's own share of energyJ (shared runners; `regression.metric: attributed`). */
  attributedJ: amount.optional(),
  /** The windows the benchmark marked: energy, time and CPU inside them, and CO2e of that energy. */
  task: TaskFigures.optional(),
  /** Estimates only: the band implied by the power model's cross-validated error. */
  energyBandJ: EnergyBandJ.optional(),
  gpus: z.array(GpuEnergy).max(64).optional(),
  notes: z.array(prose).max(100),
  /** Notes the verdict repeats (other load in the figure, e.g. another process on a metered GPU); never a status. */
  warnings: z.array(prose).max(100).optional(),
  /** What the benchmark reported through its metrics file (accuracy, loss…), TF.js layers and backend. */
  metrics: MetricsSchema.optional(),
  layers: LayersSchema.optional(),
  backend: BackendSchema.optional(),
});

export const BenchmarkReportSchema = z
  .object({
    name: text(200),
    kind: z.enum(['training', 'inference', 'other']),
    command: text(MAX_COMMAND),
    status: StatusSchema,
    reason: prose.optional(),
    repeats: count,
    warmup: count,
    /** Medians over the successful repeats; null when none succeeded. */
    durationS: amount.nullable(),
    energyJ: amount.nullable(),
    /** operationalG + embodiedG: the SCI numerator, the figure budgets gate. */
    co2eG: amount.nullable(),
    operationalG: amount.nullable(),
    embodiedG: amount.nullable(),
    breakdownJ: BreakdownJ.nullable(),
    processShare: amount.nullable(),
    /** Estimates only: medians of the samples' bands. */
    energyBandJ: EnergyBandJ.optional(),
    /** SCI per functional unit, when the benchmark declares `unit`. */
    perUnit: PerUnit.optional(),
    samples: z.array(SampleReportSchema).max(REPORT_LIMITS.samples),
    /** The gate (additive in schema 1). The budget applied, in SI units; absent when none is configured. */
    budget: ResolvedBudgetSchema.optional(),
    /** Medians with bootstrap 95 % intervals (null below 5 successful repeats). */
    stats: BenchmarkStatsSchema.optional(),
    /** A/B with adaptive pairs: pairs run, the bounds, the interval's level and why it stopped. */
    adaptive: AdaptiveSchema.optional(),
    /** head ÷ base of budget.metric, when there is a baseline with this benchmark in it. */
    comparison: ComparisonSchema.optional(),
    /** Why the status is what it is (limits exceeded, regression found or not checked, errors). */
    reasons: z.array(prose).max(REPORT_LIMITS.benchmarkReasons),
    /** Every limit checked; for regression tiers `observed` is the interval's lower bound of head ÷ base − 1. */
    budgetUse: z.array(BudgetUseSchema).max(REPORT_LIMITS.budgetUse).optional(),
    /** With a baseline: every metric both sides reported, head − base with its interval, largest moves first. */
    metricChanges: z.array(MetricChangeSchema).max(20).optional(),
    /** TF.js models on both sides: layers added, removed or resized, and total MACs (src/report/layer-diff.ts). */
    layerDiff: LayerDiffSchema.optional(),
    /** Training benchmarks with a live provider's forecast: the cleanest window of this duration ahead. */
    cleanerWhen: CleanerWhenSchema.optional(),
    /** Merged reports (carbon-gate merge): the index of the shard that ran it, in the report's `shards`. */
    shard: z.number().int().min(1).max(MAX_SHARDS).optional(),
  })
  // What the benchmark reported about its model (metrics file), summarised over successful repeats.
  .extend(ModelSummarySchema.shape);

export const EmbodiedReportSchema = z.object({
  totalKg: amount,
  lifetimeS: amount,
  share: amount,
  /** Embodied grams per hour of run time under this model. */
  gPerHour: amount,
  source: prose,
});

const MachineSchema = z.object({
  platform: text(100),
  cpuModel: text(200),
  logicalCpus: amount,
  memoryGb: amount,
  virtualised: z.boolean(),
});

const MethodSchema = z.object({
  cpu: CpuMethodSchema,
  gpu: GpuMethodSchema,
  powerModel: text(200),
  scope: text(200),
  basis: z.array(prose).max(100),
  intervalS: amount,
  gpuNames: z.array(text(200)).max(64).optional(),
  /** The GPUs metered, and those skipped: not visible to the benchmarks (CUDA_/NVIDIA_VISIBLE_DEVICES). */
  gpusMetered: z.array(GpuIdSchema).max(64).optional(),
  gpusSkipped: z.array(SkippedGpuSchema).max(64).optional(),
});

const CarbonSchema = z.object({
  region: text(100),
  regionName: text(200),
  regionOrigin: RegionOriginSchema,
  intensityGPerKwh: amount,
  intensityYear: z.number(),
  source: text(300),
  pue: amount,
  pueSource: text(200),
  /** The grid the intensity describes: country alpha-2/alpha-3, sub-national code or world. */
  grid: text(100),
  /** lifecycle | operational | marginal | unspecified | as given (src/carbon/grid-method.ts); read tolerantly. */
  method: IntensityMethodSchema,
  /** Config `intensity.method`, when set: the method asked for (a notice and a verdict line when not met). */
  methodAsked: z.enum(GRID_METHODS).optional(),
  intensitySource: IntensitySourceNameSchema,
  measuredAt: text(40).optional(),
  cloud: CloudPlacementSchema.optional(),
  /** null: embodied carbon not counted (a notice says so). */
  embodied: EmbodiedReportSchema.nullable(),
  /** Cloud regions only: the same energy in the provider's cleanest and dirtiest regions. */
  cleanerElsewhere: CleanerElsewhereSchema.optional(),
  /** The live provider's forecast behind benchmarks[].cleanerWhen, when one was fetched. */
  forecast: ForecastInfoSchema.optional(),
});

const shardIndex = z.number().int().min(1).max(MAX_SHARDS);

/** A matrix job's part of the suite (run --shard K/N): K, N and the benchmarks it was given. */
const ShardSchema = z.object({
  index: shardIndex,
  count: shardIndex,
  names: z.array(text(200)).max(REPORT_LIMITS.benchmarks).optional(),
});

/** The commit measured (GITHUB_SHA in the Action, `git rev-parse HEAD` in the CLI): SHA-1 or SHA-256. */
const CommitSchema = z.object({
  sha: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/),
  ref: text(300).optional(),
});

/** The `commit` field for a SHA and ref as found: none when the SHA is not one; a ref it would refuse is left out. */
export function commitField(sha: string, ref?: string): z.output<typeof CommitSchema> | undefined {
  if (!CommitSchema.shape.sha.safeParse(sha).success) return undefined;
  return { sha, ...(ref && CommitSchema.shape.ref.safeParse(ref).success ? { ref } : {}) };
}

/**
 * One shard of a merged report (carbon-gate merge): where it ran and how it was metered, so each benchmark's
 * figures (benchmarks[].shard points here) can be traced to their runner, meter, GPUs and grid. A shard that
 * failed or never uploaded has no provenance, only its reason.
 */
const ShardProvenanceSchema = z.object({
  index: shardIndex,
  status: z.enum(['ok', 'failed', 'missing']),
  reason: prose.optional(),
  /** The shard's own verdict, before the merge. */
  verdict: StatusSchema.optional(),
  machine: MachineSchema.optional(),
  method: MethodSchema.pick({ cpu: true, gpu: true, powerModel: true, gpuNames: true }).optional(),
  carbon: CarbonSchema.pick({
    region: true,
    intensityGPerKwh: true,
    intensityYear: true,
    source: true,
    pue: true,
  }).optional(),
  benchmarks: z.array(text(200)).max(REPORT_LIMITS.benchmarks),
});

/** Sums of the benchmarks' medians: the footprint of one run of the suite. co2eG = operational + embodied. */
const TotalsSchema = z.object({
  durationS: amount,
  energyJ: amount,
  energyKwh: amount,
  co2eG: amount,
  operationalG: amount,
  embodiedG: amount,
  equivalents: EquivalentsSchema,
  /** The config's budget.total, in SI units, and the limits it checked. */
  budget: TotalBudgetSchema.optional(),
  budgetUse: z.array(BudgetUseSchema).max(REPORT_LIMITS.budgetUse).optional(),
});

/** error > fail > warn > pass over the benchmarks and the suite total; the baseline used, or none. */
const VerdictSchema = z.object({
  status: StatusSchema,
  reasons: z.array(prose).max(REPORT_LIMITS.verdictReasons),
  baseline: BaselineInfoSchema,
});

export const ReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('carbon-gate'), version: text(40) }),
  createdAt: text(40),
  config: text(500),
  machine: MachineSchema,
  method: MethodSchema,
  carbon: CarbonSchema,
  benchmarks: z.array(BenchmarkReportSchema).max(REPORT_LIMITS.benchmarks),
  totals: TotalsSchema,
  /** Patterson et al. projection, when the config declares `projection`. */
  projection: ProjectionSchema.optional(),
  verdict: VerdictSchema,
  notices: z.array(prose).max(REPORT_LIMITS.notices),
  /** Additive in schema 1: the commit measured, this job's shard, and (merged reports) every shard's provenance. */
  commit: CommitSchema.optional(),
  shard: ShardSchema.optional(),
  shards: z.array(ShardProvenanceSchema).max(MAX_SHARDS).optional(),
});
