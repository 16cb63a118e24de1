import { J_PER_KWH } from '../carbon/footprint.js';
import { createHash } from 'node:crypto';
import { findCountry } from '../data/grid-countries.js';
import { findSubnational } from '../data/grid-regions.js';
import { csvText, type Cell } from '../text/csv.js';
import type { ExportBenchmark, ExportReport } from './export-report.js';

/**
 * CodeCarbon's emissions.csv columns as issue 16 lists them, in the order of CodeCarbon 2.x's
 * `EmissionsData` (written by its FileOutput through pandas; from its source as we know it, not checked
 * against a copy: PyPI is out of reach here). CodeCarbon also writes experiment_id, codecarbon_version,
 * longitude and latitude; carbon-gate has no value for them, and readers that select columns by name
 * (pandas) do not need them. docs/exports.md maps every column.
 */
export const CODECARBON_COLUMNS = [
  'timestamp',
  'project_name',
  'run_id',
  'duration',
  'emissions',
  'emissions_rate',
  'cpu_power',
  'gpu_power',
  'ram_power',
  'cpu_energy',
  'gpu_energy',
  'ram_energy',
  'energy_consumed',
  'country_name',
  'country_iso_code',
  'region',
  'cloud_provider',
  'cloud_region',
  'os',
  'python_version',
  'cpu_count',
  'cpu_model',
  'gpu_count',
  'gpu_model',
  'ram_total_size',
  'tracking_mode',
  'on_cloud',
  'pue',
] as const;

export interface CodecarbonOptions {
  /** The python_version column: the runtime carbon-gate ran on ("node v20.19.0"); the report does not record it. */
  runtime: string;
}

/**
 * The report's run as one name-based UUID (RFC 9562 version 8: SHA-256 of createdAt and config), so every
 * row of one report shares a run_id and exporting the same report twice gives the same id.
 */
export function runId(report: Pick<ExportReport, 'createdAt' | 'config'>): string {
  const h = createHash('sha256').update(`${report.createdAt}\n${report.config}`).digest('hex').split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const x = h.join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Country name, ISO alpha-3 (CodeCarbon's country_iso_code) and sub-national region of the report's grid. */
function location(report: ExportReport): { name: string; iso3: string; region: string } {
  const grid = report.carbon.grid ?? report.carbon.region;
  const sub = findSubnational(grid);
  const country = findCountry(sub ? sub.code.split('-')[0]! : grid);
  if (!country) return { name: grid === 'world' ? 'World' : '', iso3: '', region: '' };
  // CodeCarbon writes regions in lower case ("quebec").
  return { name: country.name, iso3: country.alpha3, region: sub ? sub.name.toLowerCase() : '' };
}

/** "2 x NVIDIA A100, 1 x NVIDIA T4", as CodeCarbon names a machine's GPUs. */
function gpuModel(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, k]) => `${k} x ${n}`).join(', ');
}

/**
 * One row per benchmark, in CodeCarbon's units: duration s, emissions kg CO2eq, emissions_rate kg/s,
 * power W, energy kWh, ram_total_size GB. Energies include the PUE, as CodeCarbon applies its `pue` to
 * energy; powers are the devices' mean power (energy ÷ duration, without PUE). emissions is the
 * operational part (energy × intensity: CodeCarbon counts no embodied carbon; the SCI and Impact
 * Framework exports carry it). Figures are the benchmark's medians over its successful repeats;
 * a benchmark without one leaves them empty. project_name is the benchmark's name (a series across runs),
 * run_id the report's run.
 */
export function codecarbonCsv(report: ExportReport, opts: CodecarbonOptions): string {
  const pue = report.carbon.pue;
  const where = location(report);
  const machine = report.machine ?? {};
  const gpus = report.method.gpuNames ?? [];
  const cloud = report.carbon.cloud;
  const id = runId(report);
  const kwh = (j: number | null | undefined) =>
    j === null || j === undefined ? null : (j * pue) / J_PER_KWH;
  const row = (b: ExportBenchmark): Cell[] => {
    const d = b.durationS;
    const watts = (j: number | undefined) => (j === undefined || !d ? null : j / d);
    const emissionsKg =
      b.operationalG === null || b.operationalG === undefined ? null : b.operationalG / 1000;
    const values: Record<(typeof CODECARBON_COLUMNS)[number], Cell> = {
      timestamp: report.createdAt,
      project_name: b.name,
      run_id: id,
      duration: d,
      emissions: emissionsKg,
      emissions_rate: emissionsKg === null || !d ? null : emissionsKg / d,
      cpu_power: watts(b.breakdownJ?.cpu),
      gpu_power: watts(b.breakdownJ?.gpu),
      ram_power: watts(b.breakdownJ?.memory),
      cpu_energy: kwh(b.breakdownJ?.cpu),
      gpu_energy: kwh(b.breakdownJ?.gpu),
      ram_energy: kwh(b.breakdownJ?.memory),
      energy_consumed: kwh(b.energyJ),
      country_name: where.name,
      country_iso_code: where.iso3,
      region: where.region,
      cloud_provider: cloud?.provider ?? '',
      cloud_region: cloud?.region ?? '',
      os: machine.platform ?? '',
      python_version: opts.runtime,
      cpu_count: machine.logicalCpus,
      cpu_model: machine.cpuModel ?? '',
      gpu_count: report.method.gpusMetered?.length ?? gpus.length,
      gpu_model: gpuModel(gpus),
      ram_total_size: machine.memoryGb,
      // carbon-gate meters the machine (RAPL package, the estimator's whole-machine model), not a process.
      tracking_mode: 'machine',
      on_cloud: cloud ? 'Y' : 'N',
      pue,
    };
    return CODECARBON_COLUMNS.map((c) => values[c]);
  };
  return csvText([CODECARBON_COLUMNS, ...report.benchmarks.map(row)]);
}
