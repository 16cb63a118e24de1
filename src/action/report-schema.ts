import { z } from 'zod';

/**
 * The report as the action reads it. A report may come from a fork's artifact, so this is the trust boundary:
 * permissive about extra or missing optional fields (reports from other versions), strict about types,
 * finite numbers and sizes, so that nothing hostile or huge reaches the renderer.
 */
const str = (max: number) => z.string().max(max);
const num = z.number().finite();
const nullableNum = num.nullable();
const status = z.enum(['pass', 'warn', 'fail', 'error']);
const ci = z.tuple([num, num]).nullable();
const summary = z.looseObject({ median: num, ci95: ci });

const sample = z.looseObject({
  repeat: z.number().int().min(0).max(100_000),
  status: z.enum(['ok', 'error']),
  reason: str(2000).optional(),
  durationS: num,
  energyJ: num,
  co2eG: num,
});

const benchmark = z.looseObject({
  name: str(200),
  kind: str(40),
  status,
  reason: str(2000).optional(),
  repeats: z.number().int().min(0).max(100_000),
  durationS: nullableNum,
  energyJ: nullableNum,
  co2eG: nullableNum,
  energyBandJ: z.looseObject({ low: num, high: num }).optional(),
  samples: z.array(sample).max(10_000),
  stats: z.looseObject({ n: num, energyJ: summary, co2eG: summary, durationS: summary }).optional(),
  comparison: z
    .looseObject({
      metric: str(40),
      base: num,
      head: num,
      ratio: num,
      ci95: ci,
      method: str(40),
      pairs: num.optional(),
      baseline: str(40),
    })
    .optional(),
  reasons: z.array(str(2000)).max(100).optional(),
  budgetUse: z
    .array(z.looseObject({ limit: str(100), observed: num, limitValue: num, percent: num }))
    .max(50)
    .optional(),
});

export const reportSchema = z.looseObject({
  schemaVersion: z.literal(1),
  tool: z.looseObject({ name: z.literal('carbon-gate'), version: str(40) }),
  createdAt: str(40),
  config: str(500),
  machine: z.looseObject({ platform: str(100), cpuModel: str(200) }).optional(),
  method: z.looseObject({
    cpu: str(40),
    gpu: str(40),
    powerModel: str(200),
    scope: str(200).optional(),
    intervalS: num.optional(),
  }),
  carbon: z.looseObject({
    region: str(100),
    regionName: str(200).optional(),
    intensityGPerKwh: num,
    intensityYear: num.optional(),
    source: str(300),
    pue: num,
    pueSource: str(200).optional(),
    method: str(100).optional(),
  }),
  benchmarks: z.array(benchmark).max(1000),
  totals: z.looseObject({ durationS: num, energyJ: num, energyKwh: num, co2eG: num }),
  verdict: z.looseObject({
    status,
    reasons: z.array(str(2000)).max(1000),
    baseline: z
      .looseObject({
        source: z.enum(['file', 'ab', 'history', 'none']),
        ref: str(200).optional(),
        note: str(2000).optional(),
      })
      .optional(),
  }),
  notices: z.array(str(2000)).max(1000).optional(),
});

export type ReportView = z.infer<typeof reportSchema>;
export type BenchmarkView = ReportView['benchmarks'][number];

/** The most bytes of report JSON the action parses; a suite of 1000 benchmarks stays well below. */
export const MAX_REPORT_BYTES = 8 * 1024 * 1024;

/** Parses untrusted JSON text; the error lists the first problems with their paths. */
export function parseReport(text: string): { ok: true; report: ReportView } | { ok: false; error: string } {
  if (text.length > MAX_REPORT_BYTES) return { ok: false, error: 'report larger than 8 MiB' };
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
