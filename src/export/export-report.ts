import { z } from 'zod';
import { BenchmarkReportSchema, REPORT_LIMITS, ReportSchema, SampleReportSchema } from '../report/schema.js';

/**
 * The report as the exports read it: a carbon-report.json from disk is untrusted (a hand edit, another
 * version, a fork's artifact). Derived from the report's schema (src/report/schema.ts), so types, caps and
 * "never negative" are the contract's; the fields the exports read, loose objects for the rest. Fields a
 * report of schema 1 may lack (they were added within the version) are optional here and the exports leave
 * their cells empty; enums a later version may extend are read as short text.
 */
const R = ReportSchema.shape;
const B = BenchmarkReportSchema.shape;
const S = SampleReportSchema.shape;
const label = z.string().max(40);

const sample = SampleReportSchema.pick({
  repeat: true,
  status: true,
  durationS: true,
  energyJ: true,
  co2eG: true,
})
  .extend({
    operationalG: S.operationalG.optional(),
    embodiedG: S.embodiedG.optional(),
    breakdownJ: S.breakdownJ.optional(),
    utilisation: S.utilisation.optional(),
  })
  .loose();

const benchmark = BenchmarkReportSchema.pick({
  name: true,
  status: true,
  reason: true,
  durationS: true,
  energyJ: true,
  co2eG: true,
})
  .extend({
    kind: label,
    operationalG: B.operationalG.optional(),
    embodiedG: B.embodiedG.optional(),
    breakdownJ: B.breakdownJ.optional(),
    // R divides: a count of zero is no functional unit.
    perUnit: z.looseObject({ name: label, count: z.number().positive() }).optional(),
    samples: z.array(sample).max(REPORT_LIMITS.samples),
  })
  .loose();

export const ExportReportSchema = ReportSchema.pick({ schemaVersion: true, createdAt: true, config: true })
  .extend({
    tool: R.tool.loose(),
    machine: R.machine.partial().loose().optional(),
    method: R.method
      .pick({ powerModel: true, scope: true, basis: true, gpuNames: true, gpusMetered: true })
      .partial({ scope: true, basis: true })
      .extend({ cpu: label, gpu: label })
      .loose(),
    carbon: R.carbon
      .pick({
        region: true,
        regionName: true,
        grid: true,
        intensityGPerKwh: true,
        intensityYear: true,
        source: true,
        pue: true,
        pueSource: true,
        method: true,
        embodied: true,
      })
      .partial({
        regionName: true,
        grid: true,
        intensityYear: true,
        pueSource: true,
        method: true,
        embodied: true,
      })
      .extend({
        intensitySource: label.optional(),
        cloud: z.looseObject({ provider: label, region: z.string().max(100) }).optional(),
      })
      .loose(),
    benchmarks: z.array(benchmark).max(REPORT_LIMITS.benchmarks),
  })
  .loose();

export type ExportReport = z.output<typeof ExportReportSchema>;
export type ExportBenchmark = ExportReport['benchmarks'][number];
export type ExportSample = ExportBenchmark['samples'][number];

/** R: what one run of the benchmark does, its declared unit and count; `run` × 1 where it declares none. */
export function functionalUnit(b: ExportBenchmark): { name: string; count: number } {
  return b.perUnit ? { name: b.perUnit.name, count: b.perUnit.count } : { name: 'run', count: 1 };
}
