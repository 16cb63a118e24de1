import { carbonSummary, type CarbonRates } from './carbon-summary.js';
import { cleanerWhen, forecastInfo, type Forecast } from '../carbon/cleaner-when.js';
import type { EmbodiedModel } from '../carbon/embodied.js';
import { embodiedGrams } from '../carbon/embodied.js';
import { co2eGrams, J_PER_KWH } from '../carbon/footprint.js';
import { perUnit } from '../carbon/functional-unit.js';
import type { ProjectionConfig } from '../carbon/projection.js';
import type { GridIntensity } from '../carbon/region.js';
import { NO_BASELINE_NOTE } from '../gate/types.js';
import type { MeterDescription } from '../meter/types.js';
import type { BenchmarkRun, SampleRun } from '../runner/types.js';
import { median } from '../stats/median.js';
import { summariseModel } from './model-metrics.js';
import {
  SCHEMA_VERSION,
  type BenchmarkReport,
  type Report,
  type SampleReport,
  type Status,
} from './types.js';

export interface ReportInputs {
  version: string;
  createdAt: string;
  config: string;
  machine: Report['machine'];
  meter: MeterDescription;
  grid: GridIntensity;
  pue: { value: number; source: string };
  /** SCI M model; null or absent: embodied carbon not counted. */
  embodied?: EmbodiedModel | null;
  projection?: ProjectionConfig;
  /** The live provider's forecast: training benchmarks get a cleaner-when hint from it. */
  forecast?: Forecast;
  runs: readonly BenchmarkRun[];
  notices?: string[];
}

const SCOPE: Record<MeterDescription['cpu'], string> = {
  estimator: 'whole machine, modelled: CPU (share of host) + memory',
  rapl: 'CPU package + DRAM, measured',
};

export function buildReport(inp: ReportInputs): Report {
  const embodied = inp.embodied ?? null;
  const rates: CarbonRates = {
    operational: (j) => co2eGrams(j, inp.pue.value, inp.grid.intensityGPerKwh),
    embodied: (s) => (embodied ? embodiedGrams(embodied, s) : 0),
  };
  const benchmarks = inp.runs.map((run) => benchmarkReport(run, rates));
  const forecast = inp.forecast ? forecastInfo(inp.forecast) : null;
  if (inp.forecast && forecast) attachCleanerWhen(benchmarks, inp.forecast, inp);
  const sum = (pick: (b: BenchmarkReport) => number | null) =>
    benchmarks.reduce((s, b) => s + (pick(b) ?? 0), 0);
  const energyJ = sum((b) => b.energyJ);
  const carbon = carbonSummary(inp, benchmarks, energyJ);
  const errored = benchmarks.filter((b) => b.status === 'error');
  const status: Status = errored.length ? 'error' : 'pass';
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'carbon-gate', version: inp.version },
    createdAt: inp.createdAt,
    config: inp.config,
    machine: inp.machine,
    method: {
      cpu: inp.meter.cpu,
      gpu: inp.meter.gpu,
      powerModel: inp.meter.powerModel,
      scope: inp.meter.scope ?? SCOPE[inp.meter.cpu],
      basis: inp.meter.basis,
      intervalS: inp.meter.intervalS,
      ...(inp.meter.gpuNames ? { gpuNames: inp.meter.gpuNames } : {}),
      ...(inp.meter.gpusMetered ? { gpusMetered: inp.meter.gpusMetered } : {}),
      ...(inp.meter.gpusSkipped ? { gpusSkipped: inp.meter.gpusSkipped } : {}),
    },
    carbon: {
      region: inp.grid.region,
      regionName: inp.grid.regionName,
      regionOrigin: inp.grid.origin,
      intensityGPerKwh: inp.grid.intensityGPerKwh,
      intensityYear: inp.grid.year,
      source: inp.grid.source,
      pue: inp.pue.value,
      pueSource: inp.pue.source,
      ...carbon.carbon,
      ...(forecast ? { forecast } : {}),
    },
    benchmarks,
    totals: {
      durationS: sum((b) => b.durationS),
      energyJ,
      energyKwh: energyJ / J_PER_KWH,
      co2eG: sum((b) => b.co2eG),
      operationalG: sum((b) => b.operationalG),
      embodiedG: sum((b) => b.embodiedG),
      equivalents: carbon.equivalents(sum((b) => b.co2eG)),
    },
    ...(carbon.projection ? { projection: carbon.projection } : {}),
    verdict: {
      status,
      reasons: errored.map((b) => `${b.name}: ${b.reason ?? 'error'}`),
      // Until the gate (src/gate/apply.ts) says otherwise: never silence about regressions.
      baseline: { source: 'none', note: NO_BASELINE_NOTE },
    },
    notices: unique([
      ...inp.grid.notices,
      ...carbon.notices,
      ...(inp.notices ?? []),
      ...benchmarks.flatMap(meterNotes),
    ]),
  };
}

function sampleReport(s: SampleRun, rates: CarbonRates): SampleReport {
  const m = s.measurement;
  const operationalG = rates.operational(m.energyJ);
  const embodiedG = rates.embodied(s.command.durationS);
  const r: SampleReport = {
    repeat: s.repeat,
    status: s.command.ok ? 'ok' : 'error',
    exitCode: s.command.exitCode,
    signal: s.command.signal,
    durationS: s.command.durationS,
    energyJ: m.energyJ,
    co2eG: operationalG + embodiedG,
    operationalG,
    embodiedG,
    breakdownJ: m.breakdownJ,
    utilisation: m.utilisation,
    processCpuS: m.processCpuS,
    processShare: m.processShare,
    notes: m.notes,
  };
  if (s.command.reason) r.reason = s.command.reason;
  if (m.attributedJ !== undefined) r.attributedJ = m.attributedJ;
  if (m.task) {
    // The windows' CO2e the way the sample's is made: operational from energy, embodied from time.
    const co2eG = rates.operational(m.task.energyJ) + rates.embodied(m.task.durationS);
    r.task = { ...m.task, co2eG };
  }
  if (m.energyBandJ) r.energyBandJ = m.energyBandJ;
  if (m.warnings?.length) r.warnings = m.warnings;
  if (m.gpus) r.gpus = m.gpus;
  if (s.metrics) r.metrics = s.metrics;
  if (s.layers) r.layers = s.layers;
  if (s.backend) r.backend = s.backend;
  return r;
}

function benchmarkReport(run: BenchmarkRun, rates: CarbonRates): BenchmarkReport {
  const samples = run.samples.map((s) => sampleReport(s, rates));
  const ok = samples.filter((s) => s.status === 'ok');
  const med = (pick: (s: SampleReport) => number) => median(ok.map(pick));
  const breakdown = ok.length
    ? {
        cpu: med((s) => s.breakdownJ.cpu)!,
        memory: med((s) => s.breakdownJ.memory)!,
        gpu: med((s) => s.breakdownJ.gpu)!,
      }
    : null;
  const energyJ = med((s) => s.energyJ);
  const durationS = med((s) => s.durationS);
  // From the medians of energy and time, so co2eG matches energyJ and durationS shown beside it.
  const operationalG = energyJ === null ? null : rates.operational(energyJ);
  const embodiedG = durationS === null ? null : rates.embodied(durationS);
  const co2eG = operationalG === null || embodiedG === null ? null : operationalG + embodiedG;
  const b: BenchmarkReport = {
    name: run.spec.name,
    kind: run.spec.kind,
    command: run.spec.run,
    status: run.status === 'ok' ? 'pass' : 'error',
    repeats: run.spec.repeat,
    warmup: run.spec.warmup,
    durationS,
    energyJ,
    co2eG,
    operationalG,
    embodiedG,
    breakdownJ: breakdown,
    processShare: med((s) => s.processShare),
    samples,
    reasons: run.reason ? [run.reason] : [],
  };
  if (run.reason) b.reason = run.reason;
  if (run.adaptive) b.adaptive = run.adaptive;
  if (run.spec.unit && energyJ !== null && co2eG !== null) b.perUnit = perUnit(run.spec.unit, energyJ, co2eG);
  const banded = ok.filter((x) => x.energyBandJ);
  if (banded.length === ok.length && ok.length > 0) {
    b.energyBandJ = { low: med((x) => x.energyBandJ!.low)!, high: med((x) => x.energyBandJ!.high)! };
  }
  Object.assign(b, summariseModel(ok, energyJ, run.spec.quality));
  // A model's layers (up to 64) are the same in every repeat: said once, on the benchmark, unless one differs.
  if (b.layers) {
    const same = JSON.stringify(b.layers);
    for (const s of b.samples) if (s.layers && JSON.stringify(s.layers) === same) delete s.layers;
  }
  return b;
}

/** After the run: each training benchmark's duration against the forecast, from the report's time on. */
function attachCleanerWhen(benchmarks: BenchmarkReport[], forecast: Forecast, inp: ReportInputs): void {
  for (const b of benchmarks) {
    if (b.kind !== 'training' || b.energyJ === null || b.durationS === null) continue;
    const hint = cleanerWhen({
      points: forecast.points,
      durationS: b.durationS,
      nowMs: Date.parse(inp.createdAt),
      energyKwh: (b.energyJ / J_PER_KWH) * inp.pue.value,
    });
    if (hint) b.cleanerWhen = hint;
  }
}

function meterNotes(b: BenchmarkReport): string[] {
  return b.samples.flatMap((s) =>
    [...s.notes, ...(s.warnings ?? [])].map((n) => `${b.name}: repeat ${s.repeat}: ${n}`),
  );
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
