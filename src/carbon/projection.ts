import { z } from 'zod';
import { co2eGrams, J_PER_KWH } from './footprint.js';

/**
 * Patterson et al. (2022): footprint = (E_train + queries × E_inference) × PUE × intensity.
 * Operational only, as in the paper; embodied carbon of serving hardware is not projected.
 */
export interface ProjectionConfig {
  queriesPerDay: number;
  days: number;
}

/** A report field, so inferred from its schema (src/report/schema.ts builds on it). */
export const ProjectionSchema = z.object({
  queries: z.number(),
  trainEnergyKwh: z.number(),
  inferenceEnergyKwhPerQuery: z.number(),
  energyKwh: z.number(),
  co2eG: z.number(),
  basis: z.string().max(2000),
});
export type Projection = z.infer<typeof ProjectionSchema>;

export interface ProjectionInputs {
  config: ProjectionConfig;
  trainEnergyJ: number;
  inferenceEnergyJPerQuery: number;
  pue: number;
  intensityGPerKwh: number;
  basis: string;
}

export function project(p: ProjectionInputs): Projection {
  const queries = p.config.queriesPerDay * p.config.days;
  const energyJ = p.trainEnergyJ + queries * p.inferenceEnergyJPerQuery;
  return {
    queries,
    trainEnergyKwh: p.trainEnergyJ / J_PER_KWH,
    inferenceEnergyKwhPerQuery: p.inferenceEnergyJPerQuery / J_PER_KWH,
    energyKwh: energyJ / J_PER_KWH,
    co2eG: co2eGrams(energyJ, p.pue, p.intensityGPerKwh),
    basis: p.basis,
  };
}
