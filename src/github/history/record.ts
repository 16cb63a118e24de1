import { z } from 'zod';
import { PerUnitSchema } from '../../carbon/functional-unit.js';
import type { GateBenchmark } from '../../gate/baseline.js';
import { BenchmarkReportSchema, ReportSchema, SampleReportSchema } from '../../report/schema.js';

/**
 * One run on the data branch: what a later PR needs to be compared with it (the gate's samples per
 * benchmark) and what the team ledger sums. Small on purpose: thousands of these are read per job.
 */
export const RECORD_VERSION = 1;

// Picks of the report's sample, benchmark and totals: the gate's fields, in the report's types (finite
// numbers). Caps are tighter than the report's where a record is smaller on purpose (toRunRecord cuts the
// reason to fit).
const sample = SampleReportSchema.pick({ status: true, energyJ: true, co2eG: true, durationS: true });
const benchmark = BenchmarkReportSchema.pick({ name: true, status: true }).extend({
  reason: z.string().max(500).optional(),
  samples: z.array(sample).max(1000),
  perUnit: PerUnitSchema.pick({ count: true }).optional(),
});

export const runRecordSchema = z.object({
  version: z.literal(RECORD_VERSION),
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  ref: z.string().max(300),
  runId: z.string().max(40),
  /** UTC month of the run, YYYY-MM: the team ledger's period. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  createdAt: z.string().max(40),
  config: z.string().max(300),
  /** Suite CO2e of one run (sum of medians), for the trend; spent = every measured repeat, for the ledger. */
  totals: ReportSchema.shape.totals.pick({ energyJ: true, co2eG: true }).extend({ spentCo2eG: z.number() }),
  benchmarks: z.array(benchmark).max(500),
});

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
}

export function toRunRecord(
  report: RecordableReport,
  meta: { sha: string; ref: string; runId: string; now: Date },
): RunRecord {
  const benchmarks = report.benchmarks.map((b) => ({
    name: b.name,
    status: b.status,
    ...(b.reason ? { reason: b.reason.slice(0, 500) } : {}),
    samples: b.samples.map(({ status, energyJ, co2eG, durationS }) => ({
      status,
      energyJ,
      co2eG,
      durationS,
    })),
    ...(b.perUnit ? { perUnit: { count: b.perUnit.count } } : {}),
  }));
  const spent = benchmarks.flatMap((b) => b.samples).reduce((s, x) => s + x.co2eG, 0);
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
  };
}

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** null for anything that is not a valid record: a hand-edited or foreign file must not break a job. */
export function parseRecord(text: string): RunRecord | null {
  try {
    const r = runRecordSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
