import { z } from 'zod';
import { GATE_METRICS } from '../gate/types.js';
import {
  ENERGY_PATTERN,
  MASS_PATTERN,
  PERCENT_PATTERN,
  parseEnergy,
  parseMass,
  parsePercent,
} from '../units.js';
import { field } from './expectations.js';
import { MetricBudgetsSchema, type MetricBudgets } from './metric-budget-schema.js';
import { closestMatch } from './suggest.js';

/**
 * `budget`, top level (every benchmark, plus `total` for the suite) or per benchmark (overrides the
 * top-level one key by key). Quantities carry units and come out in SI: J, g, fractions.
 */

function quantity(pattern: string, parse: (s: string) => number | null, expected: string, doc: string) {
  const schema = z
    .string()
    .regex(new RegExp(pattern))
    .transform((text, ctx) => {
      const v = parse(text);
      if (v !== null && v > 0) return v;
      ctx.issues.push({ code: 'custom', message: expected, input: text });
      return z.NEVER;
    });
  return field(schema, doc, {
    expected,
    hint: (found) =>
      typeof found === 'number' ? `add a unit, e.g. "${found}${unitOf(pattern)}"` : undefined,
  });
}

const unitOf = (pattern: string) =>
  pattern === PERCENT_PATTERN ? '%' : pattern === MASS_PATTERN ? ' g' : ' J';

/** warn and fail, either optional; warn above fail could never be seen, so it is refused. */
function tier(value: () => z.ZodType<number, string>, what: string) {
  return field(
    z
      .strictObject({ warn: value().optional(), fail: value().optional() })
      .refine((t) => t.warn === undefined || t.fail === undefined || t.warn <= t.fail, {
        params: { expected: `warn at most fail (${what})` },
      }),
    `${what}: warn and/or fail.`,
    { expected: `a mapping with warn and/or fail (${what})` },
  );
}

const energy = () =>
  quantity(ENERGY_PATTERN, parseEnergy, 'an energy > 0 like 40 J, 2 kJ, 1 Wh or 0.5 kWh', 'Energy limit.');
const mass = () => quantity(MASS_PATTERN, parseMass, 'a mass > 0 like 850 mg, 4 g or 1 kg', 'CO2e limit.');
const percent = () =>
  quantity(PERCENT_PATTERN, parsePercent, 'a percentage > 0 like 5% or 12.5%', 'Increase over the baseline.');

const regression = field(
  z
    .strictObject({
      warn: percent().optional(),
      fail: percent().optional(),
      metric: field(
        z.enum(GATE_METRICS),
        'What the regression is judged on: energy (default), co2e, duration, perUnit (CO2e per functional unit), efficiency (energy per unit of the quality metric) or attributed (the benchmark’s own share of the machine’s energy, for runners shared with other jobs).',
        {
          expected: 'one of "energy", "co2e", "duration", "perUnit" or "efficiency"',
          hint: (found) => {
            const m = typeof found === 'string' ? closestMatch(found, GATE_METRICS) : undefined;
            return m ? `did you mean "${m}"?` : undefined;
          },
        },
      ).optional(),
    })
    .refine((t) => t.warn === undefined || t.fail === undefined || t.warn <= t.fail, {
      params: { expected: 'warn at most fail (regression)' },
    }),
  'Regression vs the baseline: trips when the lower bound of the interval of head ÷ base (95 %; 99 % with adaptive A/B pairs) exceeds 1 + the limit.',
  { expected: 'a mapping with warn, fail and/or metric' },
);

const budgetKeys = {
  energy: tier(energy, 'energy (J kJ Wh kWh)').optional(),
  co2e: tier(mass, 'CO2e (mg g kg)').optional(),
  perUnit: field(
    z.strictObject({ co2e: tier(mass, 'CO2e per functional unit (mg g kg)').optional() }),
    'Limits per functional unit, for benchmarks that declare one.',
    { expected: 'a mapping with co2e' },
  ).optional(),
  regression: regression.optional(),
  metrics: MetricBudgetsSchema.optional(),
};

type Parsed = {
  energy?: { warn?: number; fail?: number };
  co2e?: { warn?: number; fail?: number };
  perUnit?: { co2e?: { warn?: number; fail?: number } };
  regression?: { warn?: number; fail?: number; metric?: (typeof GATE_METRICS)[number] };
  metrics?: MetricBudgets;
};

/** Config names → the report's SI names (energyJ, co2eG, perUnitCo2eG). Absent keys stay absent. */
function toSi(b: Parsed) {
  const { metric, ...tiers } = b.regression ?? {};
  return {
    ...(b.energy ? { energyJ: b.energy } : {}),
    ...(b.co2e ? { co2eG: b.co2e } : {}),
    ...(b.perUnit?.co2e ? { perUnitCo2eG: b.perUnit.co2e } : {}),
    // `regression: { metric: duration }` alone keeps the default tiers: an empty tier would gate nothing.
    ...(tiers.warn !== undefined || tiers.fail !== undefined ? { regression: tiers } : {}),
    ...(metric ? { metric } : {}),
    ...(b.metrics ? { metrics: b.metrics } : {}),
  };
}

export const BenchmarkBudgetSchema = field(
  z.strictObject(budgetKeys).transform(toSi),
  "This benchmark's budget; overrides the top-level budget key by key. Gated benchmarks repeat 5 times by default.",
  { expected: 'a mapping with energy, co2e, perUnit, regression and/or metrics' },
);

export const BudgetSchema = field(
  z
    .strictObject({
      ...budgetKeys,
      total: field(
        z.strictObject({
          energy: tier(energy, 'energy (J kJ Wh kWh)').optional(),
          co2e: tier(mass, 'CO2e (mg g kg)').optional(),
        }),
        "Limits on the whole suite: the sum of the benchmarks' medians.",
        { expected: 'a mapping with energy and/or co2e' },
      ).optional(),
      team: field(
        z.strictObject({
          period: field(z.literal('month'), 'The ledger period: a calendar month (UTC).', {
            expected: '"month"',
          }),
          co2e: mass(),
        }),
        "Team budget (GitHub Action, baseline: history): CO2e the default branch's recorded runs may emit per period; warns at 80 %, fails at 100 %.",
        { expected: 'a mapping with period and co2e' },
      ).optional(),
    })
    .transform(({ total, team, ...rest }) => ({
      ...toSi(rest),
      ...(team ? { team: { period: team.period, co2eG: team.co2e } } : {}),
      ...(total
        ? {
            total: {
              ...(total.energy ? { energyJ: total.energy } : {}),
              ...(total.co2e ? { co2eG: total.co2e } : {}),
            },
          }
        : {}),
    })),
  'Carbon budget for every benchmark (each may override it) and, under total, for the whole suite.',
  { expected: 'a mapping with energy, co2e, perUnit, regression, metrics, total and/or team' },
);

export type BudgetConfig = z.output<typeof BudgetSchema>;
export type BenchmarkBudgetConfig = z.output<typeof BenchmarkBudgetSchema>;
