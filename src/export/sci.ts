import { J_PER_KWH } from '../carbon/footprint.js';
import { functionalUnit, type ExportBenchmark, type ExportReport } from './export-report.js';
import { provenanceOf, type Provenance } from './provenance.js';

/** SCI's terms for one functional unit: E kWh, I gCO2e/kWh, M g, R units. */
export interface SciTerms {
  energyKwh: number;
  intensityGPerKwh: number;
  embodiedG: number;
  units: number;
}

/** SCI = (E × I + M) / R, in gCO2e per functional unit (GSF SCI 1.1, ISO/IEC 21031:2024). */
export function sciScore(t: SciTerms): number {
  return (t.energyKwh * t.intensityGPerKwh + t.embodiedG) / t.units;
}

export interface SciBenchmark {
  name: string;
  status: string;
  /** R: what one run of the benchmark does; `run` × 1 when the benchmark declares no unit. */
  functionalUnit: { name: string; count: number };
  /** E: the benchmark's median energy per run at the facility (metered energy × PUE), kWh. */
  E: number | null;
  /** The metered (IT) energy before the PUE, kWh. */
  itEnergyKwh: number | null;
  I: number;
  /** M: embodied carbon apportioned to the median run's duration, g. */
  M: number | null;
  R: number;
  /** gCO2e per functional unit; null when no repeat succeeded. */
  SCI: number | null;
  /** E × I + M: one run's carbon, g. */
  carbonG: number | null;
}

export interface SciExport {
  specification: string;
  formula: string;
  tool: string;
  createdAt: string;
  config: string;
  disclosures: {
    softwareBoundary: string;
    functionalUnit: string;
    quantificationMethod: Pick<Provenance, 'quantification' | 'meter' | 'powerModel' | 'scope'>;
    intensity: Provenance['intensity'];
    pue: Provenance['pue'] & { appliedTo: string };
    embodied: Provenance['embodied'];
    dataSources: string[];
    exclusions: string[];
  };
  benchmarks: SciBenchmark[];
}

function sciBenchmark(b: ExportBenchmark, intensity: number, pue: number): SciBenchmark {
  const unit = functionalUnit(b);
  const it = b.energyJ === null ? null : b.energyJ / J_PER_KWH;
  const E = it === null ? null : it * pue;
  const M = b.embodiedG ?? (b.energyJ === null ? null : 0);
  const terms = E === null || M === null ? null : { energyKwh: E, intensityGPerKwh: intensity, embodiedG: M };
  return {
    name: b.name,
    status: b.status,
    functionalUnit: unit,
    E,
    itEnergyKwh: it,
    I: intensity,
    M,
    R: unit.count,
    SCI: terms ? sciScore({ ...terms, units: unit.count }) : null,
    carbonG: terms ? sciScore({ ...terms, units: 1 }) : null,
  };
}

/**
 * The SCI of every benchmark with the disclosures the specification asks for: the software boundary, the
 * functional unit, the quantification method (measured or modelled, and the meter), the intensity (marginal
 * or average, source and year), and the data sources. PUE enters E: the energy at the facility is the
 * metered energy × PUE, so E × I is the report's operational carbon.
 */
export function sciExport(report: ExportReport): SciExport {
  const p = provenanceOf(report);
  const year = p.intensity.year === null ? 'year not recorded' : String(p.intensity.year);
  return {
    specification: 'Software Carbon Intensity (SCI) 1.1, Green Software Foundation; ISO/IEC 21031:2024',
    formula: 'SCI = (E × I + M) / R',
    tool: `carbon-gate ${report.tool.version}`,
    createdAt: report.createdAt,
    config: report.config,
    disclosures: {
      softwareBoundary: `each benchmark's command while it ran (metered repeats; warm-ups excluded), on ${p.scope}`,
      functionalUnit:
        "R is the benchmark's declared unit (epoch, inference, sample) times its count per run; one run of the benchmark where none is declared",
      quantificationMethod: {
        quantification: p.quantification,
        meter: p.meter,
        powerModel: p.powerModel,
        scope: p.scope,
      },
      intensity: p.intensity,
      pue: { ...p.pue, appliedTo: 'E (energy at the facility = metered energy × PUE)' },
      embodied: p.embodied,
      dataSources: [
        `grid intensity: ${p.intensity.source} (${year})`,
        `energy: ${p.meter}, ${p.powerModel}`,
        `PUE: ${p.pue.source}`,
        `embodied: ${p.embodied.source}`,
      ],
      exclusions: [
        'market-based instruments (renewable energy certificates, PPAs): not subtracted, as the specification requires',
        'network, storage and end-user devices outside the metered machine',
        ...(p.embodied.counted ? [] : ['embodied carbon (M = 0): no embodied model in the config']),
      ],
    },
    benchmarks: report.benchmarks.map((b) => sciBenchmark(b, p.intensity.gPerKwh, p.pue.value)),
  };
}
