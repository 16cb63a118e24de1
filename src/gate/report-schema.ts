import { z } from 'zod';
import { PerUnitSchema } from '../carbon/functional-unit.js';
import { BenchmarkReportSchema, REPORT_LIMITS, ReportSchema, SampleReportSchema } from '../report/schema.js';
import { ResolvedBudgetSchema } from './types.js';

/**
 * The parts of a carbon-report.json the gate reads, validated before use: a baseline file may come from
 * an older run, another tool or a hand edit. Picked from the report's schema (src/report/schema.ts), so
 * types and caps are the contract's; loose objects: every other field passes through untouched.
 */
// The gate takes medians and log-ratios of these; the report's schema already refuses negative figures.
const sample = SampleReportSchema.pick({
  status: true,
  energyJ: true,
  co2eG: true,
  durationS: true,
  metrics: true,
  warnings: true,
}).loose();

// Reports from before `metric` existed judged regressions on energy.
const budget = ResolvedBudgetSchema.extend({ metric: ResolvedBudgetSchema.shape.metric.default('energy') });

const benchmark = BenchmarkReportSchema.pick({ name: true, status: true, reason: true })
  .extend({
    samples: z.array(sample).max(REPORT_LIMITS.samples),
    // perUnit figures divide by the count.
    perUnit: z.looseObject({ count: PerUnitSchema.shape.count.positive() }).optional(),
    budget: budget.optional(),
    layers: BenchmarkReportSchema.shape.layers,
  })
  .loose();

// The grid a comparison must match (method, source, year) and the method asked for. Optional throughout:
// a report from another tool or a hand edit may lack it, and then the grid is not checked. The enums a
// later version may extend are read as short text; `method` normalises itself.
const carbon = ReportSchema.shape.carbon
  .pick({ method: true, source: true, intensityYear: true, intensityGPerKwh: true })
  .extend({ intensitySource: z.string().max(40), methodAsked: z.string().max(40) })
  .partial()
  .loose();

export const GateReportSchema = ReportSchema.pick({ schemaVersion: true })
  .extend({
    carbon: carbon.optional(),
    benchmarks: z.array(benchmark).max(REPORT_LIMITS.benchmarks),
    totals: ReportSchema.shape.totals.pick({ energyJ: true, co2eG: true, budget: true }).loose(),
  })
  .loose();

export type GateReport = z.output<typeof GateReportSchema>;

/** The first problem, on one line: "benchmarks[0].samples[2].energyJ: expected number, received string". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('');
  return `${where || '(top level)'}: ${issue.message.split('\n')[0]}`;
}
