import type { ExportReport } from './export-report.js';

/**
 * What every export says about where its numbers come from, from the report's `method` and `carbon`: the
 * meter and whether its energy is measured or modelled, the power model, the grid intensity's source,
 * year and method (average or marginal, as the SCI specification asks to disclose), the PUE and the
 * embodied-carbon model.
 */
export interface Provenance {
  meter: string;
  quantification: 'measured' | 'modelled' | 'measured (GPU) and modelled (CPU)' | 'unknown';
  powerModel: string;
  scope: string;
  intensity: {
    gPerKwh: number;
    /** SCI's I: marginal (WattTime MOER), else an average over the grid's generation; unknown for --intensity. */
    type: 'marginal' | 'average' | 'unknown';
    /** The report's carbon.method: lifecycle | operational | marginal | unspecified | as given. */
    method: string;
    source: string;
    year: number | null;
    region: string;
  };
  pue: { value: number; source: string };
  embodied: { counted: boolean; source: string };
}

/** RAPL reads energy counters; the estimator (and a power profile) models power from utilisation. */
const CPU_QUANTIFICATION: Record<string, 'measured' | 'modelled'> = {
  rapl: 'measured',
  estimator: 'modelled',
};

function quantification(cpu: string, gpu: string): Provenance['quantification'] {
  const c = CPU_QUANTIFICATION[cpu];
  if (!c) return 'unknown';
  // nvidia-smi's power.draw is a measurement, integrated over the window.
  if (gpu === 'none' || c === 'measured') return c;
  return 'measured (GPU) and modelled (CPU)';
}

function intensityType(method: string | undefined): Provenance['intensity']['type'] {
  if (method === 'marginal') return 'marginal';
  if (method === 'as given' || method === undefined) return 'unknown';
  return 'average';
}

export function provenanceOf(report: ExportReport): Provenance {
  const m = report.method;
  const c = report.carbon;
  return {
    meter: `${m.cpu}${m.gpu !== 'none' ? ` + ${m.gpu}` : ''}`,
    quantification: quantification(m.cpu, m.gpu),
    powerModel: m.powerModel,
    scope: m.scope ?? 'not recorded',
    intensity: {
      gPerKwh: c.intensityGPerKwh,
      type: intensityType(c.method),
      method: c.method ?? 'not recorded',
      source: c.source,
      year: c.intensityYear ?? null,
      region: c.regionName ? `${c.region} (${c.regionName})` : c.region,
    },
    pue: { value: c.pue, source: c.pueSource ?? 'not recorded' },
    embodied: c.embodied
      ? { counted: true, source: c.embodied.source }
      : { counted: false, source: 'not counted (no embodied model in the config)' },
  };
}

/** One line for formats with a free-text field (IF's description). */
export function provenanceLine(p: Provenance): string {
  const year = p.intensity.year === null ? '' : `, ${p.intensity.year}`;
  return [
    `meter ${p.meter} (${p.quantification}; ${p.powerModel}; scope: ${p.scope})`,
    `grid ${p.intensity.region}: ${p.intensity.gPerKwh} gCO2e/kWh, ${p.intensity.type} (${p.intensity.method}), ${p.intensity.source}${year}`,
    `PUE ${p.pue.value} (${p.pue.source})`,
    `embodied: ${p.embodied.source}`,
  ].join('; ');
}
