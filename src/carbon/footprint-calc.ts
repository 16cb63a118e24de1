import { REFERENCE } from '../data/reference-values.js';
import { cleanerElsewhere, type CleanerElsewhere } from './cleaner-elsewhere.js';
import { embodiedGrams, type EmbodiedModel } from './embodied.js';
import { equivalents, type Equivalents } from './equivalents.js';
import { greenAlgorithmsEnergyKwh } from './footprint.js';
import type { GridIntensity } from './region.js';

export type EnergyInput =
  | { kind: 'metered'; energyKwh: number }
  | {
      kind: 'green-algorithms';
      cores: number;
      tdpPerCoreW: number;
      usage: number;
      memoryGb: number;
      hours: number;
    };

export interface FootprintInputs {
  grid: GridIntensity;
  pue: { value: number; source: string };
  energy: EnergyInput;
  embodied?: { model: EmbodiedModel; durationS: number };
}

export interface FootprintResult {
  region: string;
  regionName: string;
  intensityGPerKwh: number;
  pue: number;
  /** Metered form: IT energy as given. Green Algorithms form: includes PUE, as their calculator does. */
  energyKwh: number;
  operationalG: number;
  embodiedG: number;
  totalG: number;
  source: string;
  provenance: {
    regionOrigin: string;
    grid: string;
    intensityYear: number;
    method: string;
    intensitySource: string;
    measuredAt?: string;
    pueSource: string;
    energy: { form: EnergyInput['kind']; formula: string; powerW?: number; pueIncluded: boolean };
    embodied: (Omit<EmbodiedModel, 'source'> & { durationS: number; source: string; formula: string }) | null;
  };
  equivalents: Equivalents;
  cleanerElsewhere?: CleanerElsewhere;
}

/** `carbon-gate footprint`: operational (E × PUE × I, or Green Algorithms' E × I) + embodied. */
export function computeFootprint(inp: FootprintInputs): FootprintResult {
  const { grid, pue } = inp;
  const I = grid.intensityGPerKwh;
  let energyKwh: number;
  let operationalG: number;
  let energy: FootprintResult['provenance']['energy'];
  let itKwh: number;
  if (inp.energy.kind === 'metered') {
    energyKwh = inp.energy.energyKwh;
    itKwh = energyKwh;
    operationalG = energyKwh * pue.value * I;
    energy = { form: 'metered', formula: 'operationalG = energyKwh × PUE × intensity', pueIncluded: false };
  } else {
    const e = inp.energy;
    const ga = greenAlgorithmsEnergyKwh({ ...e, pue: pue.value, memoryWPerGb: REFERENCE.memoryWPerGb.value });
    energyKwh = ga.energyKwh;
    itKwh = energyKwh / pue.value;
    operationalG = energyKwh * I;
    energy = {
      form: 'green-algorithms',
      formula: `P = PUE × (cores × TDP per core × usage + memory GB × ${REFERENCE.memoryWPerGb.value}) W; energyKwh = P × hours ÷ 1000; operationalG = energyKwh × intensity`,
      powerW: ga.powerW,
      pueIncluded: true,
    };
  }
  const m = inp.embodied;
  const embodiedG = m ? embodiedGrams(m.model, m.durationS) : 0;
  const totalG = operationalG + embodiedG;
  const result: FootprintResult = {
    region: grid.region,
    regionName: grid.regionName,
    intensityGPerKwh: I,
    pue: pue.value,
    energyKwh,
    operationalG,
    embodiedG,
    totalG,
    source: grid.source,
    provenance: {
      regionOrigin: grid.origin,
      grid: grid.grid,
      intensityYear: grid.year,
      method: grid.method,
      intensitySource: grid.intensitySource,
      ...(grid.measuredAt ? { measuredAt: grid.measuredAt } : {}),
      pueSource: pue.source,
      energy,
      embodied: m
        ? {
            totalKg: m.model.totalKg,
            lifetimeS: m.model.lifetimeS,
            share: m.model.share,
            durationS: m.durationS,
            source: m.model.source,
            formula: 'embodiedG = totalKg × 1000 × duration ÷ lifetime × share (SCI M)',
          }
        : null,
    },
    equivalents: equivalents(itKwh * pue.value, totalG),
  };
  const hint = grid.cloud ? cleanerElsewhere(grid.cloud.provider, itKwh) : null;
  if (hint) result.cleanerElsewhere = hint;
  return result;
}
