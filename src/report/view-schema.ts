import { z } from 'zod';
import { BenchmarkStatsSchema, ComparisonSchema, TierSchema } from '../gate/types.js';
import { BenchmarkReportSchema, REPORT_LIMITS, ReportSchema, SampleReportSchema } from './schema.js';

/**
 * The report as the action reads it. A report may come from a fork's artifact, so this is the trust boundary:
 * permissive about extra or missing optional fields (reports from other versions), strict about types,
 * finite and non-negative quantities (from the contract) and sizes, so that nothing hostile or huge reaches
 * the renderer, and about the one cross-field rule a fork could abuse: the verdict (below).
 *
 * Derived from the report's schema (src/report/schema.ts): the fields the renderer reads, with the
 * contract's types and caps, the others passed through unread. Loose objects keep unknown fields.
 */
const R = ReportSchema.shape;
const B = BenchmarkReportSchema.shape;

// Enums a newer version may extend; the renderer only prints them (escaped), so any short text will do.
const label = z.string().max(40);

const sample = SampleReportSchema.pick({
  repeat: true,
  status: true,
  reason: true,
  durationS: true,
  energyJ: true,
  co2eG: true,
}).loose();

const benchmark = BenchmarkReportSchema.pick({
  name: true,
  status: true,
  reason: true,
  repeats: true,
  durationS: true,
  energyJ: true,
  co2eG: true,
  energyBandJ: true,
  budgetUse: true,
  metricChanges: true,
  layerDiff: true,
  efficiency: true,
  perUnit: true,
  adaptive: true,
})
  .extend({
    kind: label,
    samples: z.array(sample).max(REPORT_LIMITS.samples),
    stats: BenchmarkStatsSchema.loose().optional(),
    comparison: ComparisonSchema.extend({ metric: label, method: label, baseline: label }).loose().optional(),
    // Reports written before the gate existed have no reasons.
    reasons: B.reasons.optional(),
    // Read: the quality metric's name (the trade-off line) and the regression tiers (the noise note).
    budget: z
      .looseObject({ quality: z.string().max(64).optional(), regression: TierSchema.loose().optional() })
      .optional(),
  })
  .loose();

const RANK = { pass: 0, warn: 1, fail: 2, error: 3 } as const;

/**
 * A verdict is the worst of its benchmarks' statuses and the suite's own checks (total budget, team budget):
 * it may be worse than every benchmark, never better. A report that says otherwise was not written by
 * carbon-gate and is refused rather than recomputed: the Action cannot know what else was altered, and a
 * recomputed verdict would still render the rest of the report as if it were genuine.
 */
function verdictNoBetterThanBenchmarks(
  report: { verdict: { status: keyof typeof RANK }; benchmarks: { status: keyof typeof RANK }[] },
  ctx: z.RefinementCtx,
): void {
  const verdict = report.verdict.status;
  const i = report.benchmarks.findIndex((b) => RANK[b.status] > RANK[verdict]);
  if (i < 0) return;
  ctx.addIssue({
    code: 'custom',
    path: ['verdict', 'status'],
    message: `${verdict}, but benchmarks.${i} is ${report.benchmarks[i]!.status} (a verdict is never better than its benchmarks)`,
  });
}

export const reportSchema = ReportSchema.pick({ schemaVersion: true, createdAt: true, config: true })
  .extend({
    tool: R.tool.loose(),
    machine: R.machine.pick({ platform: true, cpuModel: true }).loose().optional(),
    method: R.method
      .pick({ powerModel: true, scope: true, intervalS: true, gpusMetered: true, gpusSkipped: true })
      .partial({ scope: true, intervalS: true })
      .extend({ cpu: label, gpu: label })
      .loose(),
    carbon: R.carbon
      .pick({
        region: true,
        regionName: true,
        intensityGPerKwh: true,
        intensityYear: true,
        source: true,
        pue: true,
        pueSource: true,
        method: true,
      })
      .partial({ regionName: true, intensityYear: true, pueSource: true, method: true })
      .loose(),
    benchmarks: z.array(benchmark).max(REPORT_LIMITS.benchmarks),
    totals: R.totals.pick({ durationS: true, energyJ: true, energyKwh: true, co2eG: true }).loose(),
    verdict: R.verdict.partial({ baseline: true }).loose(),
    notices: R.notices.optional(),
  })
  .loose()
  .superRefine(verdictNoBetterThanBenchmarks);

export type ReportView = z.infer<typeof reportSchema>;
export type BenchmarkView = ReportView['benchmarks'][number];

/**
 * The most bytes of report JSON the action parses. A report at the config's limits (1000 benchmarks,
 * 10 000 samples, gated, written indented) is about 9 MB; what a benchmark may add per repeat through its
 * metrics file (up to 64 metrics and 10 layers) is not bounded by those counts, hence the room.
 */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024;

/** Parses untrusted JSON text; the error lists the first problems with their paths. */
export function parseReport(text: string): { ok: true; report: ReportView } | { ok: false; error: string } {
  if (text.length > MAX_REPORT_BYTES)
    return { ok: false, error: `report larger than ${MAX_REPORT_BYTES / (1024 * 1024)} MiB` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message.slice(0, 200)}` };
  }
  const r = reportSchema.safeParse(json);
  if (r.success) return { ok: true, report: r.data };
  const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, error: issues.join('; ') };
}
