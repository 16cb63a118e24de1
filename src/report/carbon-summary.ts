import { cleanerElsewhere } from '../carbon/cleaner-elsewhere.js';
import { embodiedGrams } from '../carbon/embodied.js';
import { equivalents, type Equivalents } from '../carbon/equivalents.js';
import { J_PER_KWH } from '../carbon/footprint.js';
import { project, type Projection } from '../carbon/projection.js';
import type { ReportInputs } from './build.js';
import type { BenchmarkReport, Report } from './types.js';

/** Grams from joules (operational) and from seconds of run time (embodied). */
export interface CarbonRates {
  operational(energyJ: number): number;
  embodied(durationS: number): number;
}

type CarbonExtras = Omit<
  Report['carbon'],
  | 'region'
  | 'regionName'
  | 'regionOrigin'
  | 'intensityGPerKwh'
  | 'intensityYear'
  | 'source'
  | 'pue'
  | 'pueSource'
>;

export interface CarbonSummary {
  carbon: CarbonExtras;
  equivalents(co2eG: number): Equivalents;
  projection?: Projection;
  notices: string[];
}

/** The report's carbon provenance beyond the contract fields, plus projection and equivalents. */
export function carbonSummary(
  inp: ReportInputs,
  benchmarks: BenchmarkReport[],
  energyJ: number,
): CarbonSummary {
  const g = inp.grid;
  const m = inp.embodied ?? null;
  const carbon: CarbonExtras = {
    grid: g.grid,
    method: g.method,
    intensitySource: g.intensitySource,
    embodied: m
      ? {
          totalKg: m.totalKg,
          lifetimeS: m.lifetimeS,
          share: m.share,
          gPerHour: embodiedGrams(m, 3600),
          source: m.source,
        }
      : null,
  };
  if (g.methodAsked) carbon.methodAsked = g.methodAsked;
  if (g.measuredAt) carbon.measuredAt = g.measuredAt;
  if (g.cloud) {
    carbon.cloud = g.cloud;
    const hint = cleanerElsewhere(g.cloud.provider, energyJ / J_PER_KWH);
    if (hint) carbon.cleanerElsewhere = hint;
  }
  const notices: string[] = [];
  const summary: CarbonSummary = {
    carbon,
    equivalents: (co2eG) => equivalents((energyJ / J_PER_KWH) * inp.pue.value, co2eG),
    notices,
  };
  if (inp.projection) {
    const ok = benchmarks.filter((b) => b.energyJ !== null);
    const inference = ok.filter((b) => b.kind === 'inference');
    if (inference.length === 0) {
      notices.push('projection: no successful inference benchmark, so no energy per query to project');
    } else {
      const perQuery = (b: BenchmarkReport) =>
        b.energyJ! / (b.perUnit?.name === 'inference' ? b.perUnit.count : 1);
      summary.projection = project({
        config: inp.projection,
        trainEnergyJ: ok.filter((b) => b.kind === 'training').reduce((s, b) => s + b.energyJ!, 0),
        inferenceEnergyJPerQuery: inference.reduce((s, b) => s + perQuery(b), 0),
        pue: inp.pue.value,
        intensityGPerKwh: g.intensityGPerKwh,
        basis:
          'Patterson et al. (2022): (E_train + queries × E_inference) × PUE × intensity; E_train = training benchmarks, ' +
          'E_inference = inference benchmarks per query (per unit when unit is inference, else per run), summed',
      });
    }
  }
  return summary;
}
