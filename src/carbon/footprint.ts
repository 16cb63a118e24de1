/** Operational emissions and the Green Algorithms energy formula. */
export const J_PER_KWH = 3_600_000;

/** Energy (J) × PUE × grid intensity (g/kWh) → g CO2e. */
export function co2eGrams(energyJ: number, pue: number, intensityGPerKwh: number): number {
  return (energyJ / J_PER_KWH) * pue * intensityGPerKwh;
}

export interface GreenAlgorithmsInputs {
  cores: number;
  tdpPerCoreW: number;
  /** Core usage factor, 0 to 1. */
  usage: number;
  memoryGb: number;
  hours: number;
  pue: number;
  /** W per GB of memory: Green Algorithms' 0.3725. */
  memoryWPerGb: number;
}

/**
 * Green Algorithms (Lannelongue et al. 2021): P = PUE × (N × W × U + M × 0.3725) W; E = P × hours.
 * The energy includes PUE, as in their calculator, so CO2e = E × intensity with no second PUE.
 */
export function greenAlgorithmsEnergyKwh(g: GreenAlgorithmsInputs): { powerW: number; energyKwh: number } {
  const powerW = g.pue * (g.cores * g.tdpPerCoreW * g.usage + g.memoryGb * g.memoryWPerGb);
  return { powerW, energyKwh: (powerW * g.hours) / 1000 };
}
