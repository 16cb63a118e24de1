import { z } from 'zod';

/**
 * SCI per functional unit: (O + M) ÷ R. Benchmarks declare what one run does (`unit: { name, count }`);
 * inferences are also given per 1,000, the scale Luccioni et al. (2024) report.
 */
export const UNIT_NAMES = ['epoch', 'inference', 'sample', 'run'] as const;
export type UnitName = (typeof UNIT_NAMES)[number];

export interface FunctionalUnit {
  name: UnitName;
  count: number;
}

/** A report field, so inferred from its schema (src/report/schema.ts builds on it). */
export const PerUnitSchema = z.object({
  name: z.enum(UNIT_NAMES),
  count: z.number(),
  energyJ: z.number(),
  co2eG: z.number(),
  /** Per 1,000 units: the figures are otherwise too small to read for inferences and samples. */
  per1000: z.object({ energyKwh: z.number(), co2eG: z.number() }),
});
export type PerUnit = z.infer<typeof PerUnitSchema>;

export function perUnit(unit: FunctionalUnit, energyJ: number, co2eG: number): PerUnit {
  const e = energyJ / unit.count;
  const g = co2eG / unit.count;
  return {
    name: unit.name,
    count: unit.count,
    energyJ: e,
    co2eG: g,
    per1000: { energyKwh: (e * 1000) / 3_600_000, co2eG: g * 1000 },
  };
}
