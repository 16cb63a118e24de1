/** Operational emissions: energy (J) × PUE × grid intensity (g/kWh) → g CO2e. */
export const J_PER_KWH = 3_600_000;

export function co2eGrams(energyJ: number, pue: number, intensityGPerKwh: number): number {
  return (energyJ / J_PER_KWH) * pue * intensityGPerKwh;
}
