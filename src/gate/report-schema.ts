import { z } from 'zod';
import { GATE_METRICS } from './types.js';

/**
 * The parts of a carbon-report.json the gate reads, validated before use: a baseline file may come from
 * an older run, another tool or a hand edit. Loose objects: every other field passes through untouched.
 */
const tier = z.object({ warn: z.number().optional(), fail: z.number().optional() });

const budget = z.object({
  energyJ: tier.optional(),
  co2eG: tier.optional(),
  perUnitCo2eG: tier.optional(),
  regression: tier.optional(),
  metric: z.enum(GATE_METRICS).default('energy'),
});

const sample = z.looseObject({
  status: z.enum(['ok', 'error']),
  energyJ: z.number().nonnegative(),
  co2eG: z.number().nonnegative(),
  durationS: z.number().nonnegative(),
});

const benchmark = z.looseObject({
  name: z.string(),
  status: z.enum(['pass', 'warn', 'fail', 'error']),
  reason: z.string().optional(),
  samples: z.array(sample),
  perUnit: z.looseObject({ count: z.number().positive() }).optional(),
  budget: budget.optional(),
});

export const GateReportSchema = z.looseObject({
  schemaVersion: z.literal(1),
  benchmarks: z.array(benchmark),
  totals: z.looseObject({
    energyJ: z.number(),
    co2eG: z.number(),
    budget: z.object({ energyJ: tier.optional(), co2eG: tier.optional() }).optional(),
  }),
});

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
