import { z } from 'zod';
import { gridIdentity, GridIdentitySchema, type CarbonFacts } from '../../carbon/grid-method.js';
import { SUITE_LIMITS } from '../../config/limits.js';
import type { GateBenchmark, GateSample } from '../../gate/baseline.js';
import { DEFAULT_QUALITY, METRIC_NAME } from '../../config/metric-budget-schema.js';
import { firstIssue } from '../../gate/report-schema.js';
import type { ResolvedBudget } from '../../gate/types.js';
import { BenchmarkReportSchema, ReportSchema, SampleReportSchema } from '../../report/schema.js';

/**
 * One run on the data branch: what a later PR needs to be compared with it (the gate's samples per
 * benchmark) and what the team ledger sums. Small on purpose: thousands of these are read per job.
 *
 * The branch is writable by every workflow with contents: write and by hand, so a record is read as
 * untrusted: the report's types (finite, non-negative quantities), the config's limits, and the checks
 * across fields below. A record that fails any of them is skipped, with a notice, never repaired.
 */
export const RECORD_VERSION = 1;

/** The config's limits (src/config/limits.ts): any suite the config accepts has a record that is read back. */
export const RECORD_LIMITS = {
  benchmarks: SUITE_LIMITS.benchmarks,
  /** A benchmark's samples are its metered repeats. */
  samples: SUITE_LIMITS.repeat,
  /** All samples of the record: the suite's metered repeats. */
  suiteSamples: SUITE_LIMITS.suiteRepeats,
  /** toRunRecord cuts a benchmark's reason to this. */
  reason: 500,
  /** Reported metrics kept per sample: those the budget limits and the quality metric (drop/rise, efficiency). */
  sampleMetrics: 4,
} as const;

/**
 * The largest record file read, in bytes; larger files on the branch are skipped with a notice. Above the
 * largest record RECORD_LIMITS allow (about 8.5 MiB: 1000 benchmarks with names and reasons of characters
 * JSON escapes to six bytes, 10 000 samples with 17-digit figures and 4 metrics of 64-character names),
 * far below git.ts's output buffer.
 */
export const MAX_RECORD_BYTES = 12 * 1024 * 1024;

/** How far a record's createdAt may be ahead of the reading run's clock (runners' clocks differ a little). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

// Picks of the report's sample, benchmark and totals: the gate's fields, in the report's types (finite,
// non-negative numbers). Caps are tighter than the report's where a record is smaller on purpose.
// attributedJ and task (the marked windows): optional within version 1, so the next PR can judge the same
// figures with `baseline: history` as with `ab` (about 110 bytes more per sample at most).
const sample = SampleReportSchema.pick({
  status: true,
  energyJ: true,
  co2eG: true,
  durationS: true,
  attributedJ: true,
}).extend({
  task: SampleReportSchema.shape.task
    .unwrap()
    .pick({ energyJ: true, durationS: true, co2eG: true, attributedJ: true })
    .optional(),
  /** Optional within version 1: records written before metric budgets have none. */
  metrics: z
    .record(z.string().regex(METRIC_NAME), z.number())
    .refine((m) => Object.keys(m).length <= RECORD_LIMITS.sampleMetrics, {
      message: `at most ${RECORD_LIMITS.sampleMetrics} metrics`,
    })
    .optional(),
});
const benchmark = BenchmarkReportSchema.pick({ name: true, status: true }).extend({
  reason: z.string().max(RECORD_LIMITS.reason).optional(),
  samples: z.array(sample).max(RECORD_LIMITS.samples),
  perUnit: BenchmarkReportSchema.shape.perUnit.unwrap().pick({ count: true }).optional(),
});
const totals = ReportSchema.shape.totals.pick({ energyJ: true, co2eG: true });

export const runRecordSchema = z
  .object({
    version: z.literal(RECORD_VERSION),
    sha: z.string().regex(/^[0-9a-f]{40}$/),
    ref: z.string().max(300),
    /** GITHUB_RUN_ID (digits), or empty outside Actions. */
    runId: z.string().regex(/^[\w.-]{0,40}$/),
    /** UTC month of the run, YYYY-MM: the team ledger's period. */
    month: z.string().regex(/^\d{4}-\d{2}$/),
    /** UTC, as toISOString() writes it. */
    createdAt: z.iso.datetime(),
    config: ReportSchema.shape.config,
    /** Suite CO2e of one run (sum of medians), for the trend; spent = every measured repeat, for the ledger. */
    totals: totals.extend({ spentCo2eG: totals.shape.co2eG }),
    benchmarks: z.array(benchmark).max(RECORD_LIMITS.benchmarks),
    /**
     * The run's grid (method, dataset or provider, dataset year), so a later PR's CO2e comparison can say
     * when its grid differs. Optional within version 1: records written before it have none (not checked).
     */
    grid: GridIdentitySchema.optional(),
  })
  .superRefine(consistent);

/**
 * Checks across fields, as toRunRecord writes them: the month is createdAt's, the samples fit the suite's
 * limit, and spent is the sum of the samples' CO2e (the ledger sums spent, so it must be what was measured).
 */
function consistent(
  r: {
    month: string;
    createdAt: string;
    totals: { spentCo2eG: number };
    benchmarks: { samples: { co2eG: number }[] }[];
  },
  ctx: z.RefinementCtx,
): void {
  if (r.month !== r.createdAt.slice(0, 7))
    ctx.addIssue({ code: 'custom', path: ['month'], message: `${r.month} is not the month of createdAt` });
  const samples = r.benchmarks.flatMap((b) => b.samples);
  if (samples.length > RECORD_LIMITS.suiteSamples)
    ctx.addIssue({
      code: 'custom',
      path: ['benchmarks'],
      message: `${samples.length} samples in all, more than ${RECORD_LIMITS.suiteSamples}`,
    });
  const sum = samples.reduce((s, x) => s + x.co2eG, 0);
  const spent = r.totals.spentCo2eG;
  if (Math.abs(spent - sum) > 1e-9 * Math.max(spent, sum))
    ctx.addIssue({
      code: 'custom',
      path: ['totals', 'spentCo2eG'],
      message: `${spent} is not the sum of the samples' co2eG (${sum})`,
    });
}

export type RunRecord = z.infer<typeof runRecordSchema>;

/** A record as found on the branch: its file and content. */
export interface StoredRecord {
  path: string;
  record: RunRecord;
}

/** What the report must provide; the Action's Report and a parsed report both fit. */
export interface RecordableReport {
  createdAt: string;
  config: string;
  totals: { energyJ: number; co2eG: number };
  benchmarks: readonly (GateBenchmark & { perUnit?: { count: number } | undefined })[];
  carbon?: CarbonFacts | undefined;
}

export function toRunRecord(
  report: RecordableReport,
  meta: { sha: string; ref: string; runId: string; now: Date },
): RunRecord {
  const benchmarks = report.benchmarks.map((b) => ({
    name: b.name,
    status: b.status,
    ...(b.reason ? { reason: b.reason.slice(0, RECORD_LIMITS.reason) } : {}),
    samples: b.samples.map(({ status, energyJ, co2eG, durationS, metrics, attributedJ, task }) => {
      const kept = keptMetrics(metrics, recordedNames(b.budget));
      return {
        status,
        energyJ,
        co2eG,
        durationS,
        ...(attributedJ !== undefined ? { attributedJ } : {}),
        ...(task ? { task: recordedTask(task) } : {}),
        ...(kept ? { metrics: kept } : {}),
      };
    }),
    ...(b.perUnit ? { perUnit: { count: b.perUnit.count } } : {}),
  }));
  const spent = benchmarks.flatMap((b) => b.samples).reduce((s, x) => s + x.co2eG, 0);
  const grid = gridIdentity(report.carbon);
  return {
    version: RECORD_VERSION,
    sha: meta.sha,
    ref: meta.ref,
    runId: meta.runId,
    month: monthOf(meta.now),
    createdAt: meta.now.toISOString(),
    config: report.config,
    totals: { energyJ: report.totals.energyJ, co2eG: report.totals.co2eG, spentCo2eG: spent },
    benchmarks,
    ...(grid ? { grid } : {}),
  };
}

/**
 * The metrics a later PR compares with, at most 4: the quality metric first (efficiency, the trade-off line),
 * then those the budget limits by drop or rise (min and max need no baseline).
 */
function recordedNames(budget: ResolvedBudget | undefined): string[] {
  const moved = Object.entries(budget?.metrics ?? {}).filter(([, l]) => l.drop || l.rise);
  const names = [budget?.quality ?? DEFAULT_QUALITY, ...moved.map(([n]) => n)];
  return [...new Set(names)].filter((n) => METRIC_NAME.test(n)).slice(0, RECORD_LIMITS.sampleMetrics);
}

function keptMetrics(
  metrics: Record<string, number | string> | undefined,
  names: readonly string[],
): Record<string, number> | undefined {
  if (!metrics) return undefined;
  const out: Record<string, number> = {};
  for (const n of names) {
    const v = Object.hasOwn(metrics, n) ? metrics[n] : undefined;
    if (typeof v === 'number' && Number.isFinite(v)) out[n] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

const recordedTask = (t: NonNullable<GateSample['task']>) => ({
  energyJ: t.energyJ,
  durationS: t.durationS,
  co2eG: t.co2eG,
  ...(t.attributedJ !== undefined ? { attributedJ: t.attributedJ } : {}),
});

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/**
 * A record file's content, checked: the schema and its cross-field checks, and, given the reading run's
 * time, a createdAt no later than it (beyond MAX_CLOCK_SKEW_MS): a record from the future would win every
 * "latest" and stay in every month's ledger. `why` is one line for a notice.
 */
export function checkRecord(
  text: string,
  opts: { now?: Date } = {},
): { ok: true; record: RunRecord } | { ok: false; why: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, why: `not JSON (${(e as Error).message.split('\n')[0]!.slice(0, 100)})` };
  }
  const r = runRecordSchema.safeParse(json);
  if (!r.success) return { ok: false, why: `not a valid record: ${firstIssue(r.error).slice(0, 300)}` };
  if (opts.now && Date.parse(r.data.createdAt) > opts.now.getTime() + MAX_CLOCK_SKEW_MS)
    return {
      ok: false,
      why: `createdAt ${r.data.createdAt} is after this run (${opts.now.toISOString()}, ${MAX_CLOCK_SKEW_MS / 60_000} min of clock skew allowed)`,
    };
  return { ok: true, record: r.data };
}

/** null for anything that is not a valid record: a hand-edited or foreign file must not break a job. */
export function parseRecord(text: string): RunRecord | null {
  const r = checkRecord(text);
  return r.ok ? r.record : null;
}
