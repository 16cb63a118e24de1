import { z } from 'zod';
import { REFERENCE } from '../data/reference-values.js';

const source = z.string().max(300);

/** Human-scale equivalents, each with its cited source (see data/reference-values.json). A report field. */
export const EquivalentsSchema = z.object({
  smartphoneCharges: z.number(),
  carKm: z.number(),
  treeMonths: z.number(),
  sources: z.object({ smartphoneCharges: source, carKm: source, treeMonths: source }),
});
export type Equivalents = z.infer<typeof EquivalentsSchema>;

/** `energyKwh` is facility energy (after PUE); `co2eG` the total emissions. */
export function equivalents(energyKwh: number, co2eG: number): Equivalents {
  return {
    smartphoneCharges: energyKwh / REFERENCE.smartphoneChargeKwh.value,
    carKm: co2eG / REFERENCE.carGPerKmEu.value,
    treeMonths: co2eG / REFERENCE.treeMonthG.value,
    sources: {
      smartphoneCharges: `0.012 kWh per charge: ${REFERENCE.smartphoneChargeKwh.source}`,
      carKm: `${REFERENCE.carGPerKmEu.value} g/km (EU passenger car): ${REFERENCE.carGPerKmEu.source}`,
      treeMonths: `${REFERENCE.treeMonthG.value} g absorbed per tree-month: ${REFERENCE.treeMonthG.source}`,
    },
  };
}
