import { stringify } from 'yaml';
import { J_PER_KWH } from '../carbon/footprint.js';
import {
  functionalUnit,
  type ExportBenchmark,
  type ExportReport,
  type ExportSample,
} from './export-report.js';
import { provenanceLine, provenanceOf, type Provenance } from './provenance.js';

/** The fields of every row, in order; the functional unit (`run`, `inference`, …) follows them. */
export const IF_ROW_FIELDS = [
  'timestamp',
  'duration',
  'cpu/utilization',
  'cpu/energy',
  'grid/carbon-intensity',
  'carbon-operational',
  'carbon-embodied',
  'carbon',
] as const;

/** Added after cpu/energy only when the report metered memory or GPUs apart from the CPU. */
type SplitEnergy = 'memory/energy' | 'gpu/energy';
type Row = Record<string, string | number>;
type Aggregation = 'sum' | 'avg';
type Unit = ReturnType<typeof functionalUnit>;

const ok = (b: ExportBenchmark) => b.samples.filter((s) => s.status === 'ok');
const kwh = (j: number | undefined) => (j ?? 0) / J_PER_KWH;
// IF's Sci plugin refuses rows shorter than 1 s: only benchmarks whose repeats all last that long get it.
const sciFits = (b: ExportBenchmark) => ok(b).length > 0 && ok(b).every((s) => s.durationS >= 1);

/**
 * Row timestamps. The report records when it was written (createdAt, after the last repeat), not when
 * each repeat started, so the successful repeats are laid back to back in report order, the last one
 * ending at createdAt: durations are exact, start times a reconstruction (warm-ups and pauses between
 * repeats are not shown).
 */
function startTimes(report: ExportReport): Map<ExportSample, string> {
  const all = report.benchmarks.flatMap(ok);
  let t = Date.parse(report.createdAt) - all.reduce((sum, s) => sum + s.durationS * 1000, 0);
  const at = new Map<ExportSample, string>();
  for (const s of all) {
    at.set(s, Number.isFinite(t) ? new Date(Math.round(t)).toISOString() : report.createdAt);
    t += s.durationS * 1000;
  }
  return at;
}

function row(
  s: ExportSample,
  start: string,
  split: readonly SplitEnergy[],
  intensity: number,
  unit: Unit,
): Row {
  const r: Row = {
    timestamp: start,
    duration: s.durationS,
    'cpu/utilization': (s.utilisation ?? 0) * 100,
    'cpu/energy': split.length ? kwh(s.breakdownJ?.cpu) : kwh(s.energyJ),
  };
  if (split.includes('memory/energy')) r['memory/energy'] = kwh(s.breakdownJ?.memory);
  if (split.includes('gpu/energy')) r['gpu/energy'] = kwh(s.breakdownJ?.gpu);
  r['grid/carbon-intensity'] = intensity;
  r['carbon-operational'] = s.operationalG ?? s.co2eG;
  r['carbon-embodied'] = s.embodiedG ?? 0;
  r.carbon = s.co2eG;
  r[unit.name] = unit.count;
  return r;
}

const meta = (unit: string, description: string, time: Aggregation) => ({
  unit,
  description,
  'aggregation-method': { time, component: time },
});

/** IF's builtin Sci plugin on one functional unit, with every input's unit and provenance. */
function sciPlugin(unit: string, p: Provenance, split: readonly SplitEnergy[]) {
  const year = p.intensity.year === null ? '' : `, ${p.intensity.year}`;
  const metered = `metered by ${p.meter} (${p.quantification}; ${p.powerModel})`;
  const cpu = split.length
    ? `CPU energy, ${metered}`
    : `energy of the metered scope (${p.scope}), ${metered}`;
  return {
    method: 'Sci',
    path: 'builtin',
    config: { 'functional-unit': unit },
    'parameter-metadata': {
      inputs: {
        duration: meta('seconds', 'the repeat\u2019s wall time', 'sum'),
        'cpu/utilization': meta('percentage', 'mean system-wide CPU utilisation over the repeat', 'avg'),
        'cpu/energy': meta('kWh', cpu, 'sum'),
        ...Object.fromEntries(
          split.map((f) => [f, meta('kWh', `${f.split('/')[0]} energy, ${metered}`, 'sum')]),
        ),
        'grid/carbon-intensity': meta(
          'gCO2e/kWh',
          `${p.intensity.type} (${p.intensity.method}) intensity of ${p.intensity.region}: ${p.intensity.source}${year}`,
          'avg',
        ),
        'carbon-operational': meta(
          'gCO2e',
          `energy \u00d7 PUE ${p.pue.value} (${p.pue.source}) \u00d7 grid intensity`,
          'sum',
        ),
        'carbon-embodied': meta(
          'gCO2e',
          `embodied carbon for the repeat\u2019s duration: ${p.embodied.source}`,
          'sum',
        ),
        carbon: meta('gCO2e', 'carbon-operational + carbon-embodied', 'sum'),
        [unit]: meta(unit, `${unit}s per repeat (the functional unit R)`, 'sum'),
      },
      outputs: { sci: meta(`gCO2e/${unit}`, 'SCI: carbon per functional unit', 'avg') },
    },
  };
}

/**
 * An Impact Framework manifest (as `if-run` of @grnsft/if 1.x reads it): one child per benchmark, one input
 * row per successful repeat with its energy (kWh), the grid intensity (gCO2e/kWh), operational carbon
 * (energy × PUE × intensity, g), embodied carbon (g), their sum and the functional unit per repeat. A
 * child whose repeats each last at least 1 s runs IF's builtin Sci plugin on its unit, so `if-run` adds
 * `sci` (g per unit) to its rows; other children have no pipeline. Units, meter, grid source and year and
 * PUE are stated in the plugins' parameter-metadata and in the description.
 */
export function impactFrameworkManifest(report: ExportReport): Record<string, unknown> {
  const p = provenanceOf(report);
  const at = startTimes(report);
  const metered = (k: 'memory' | 'gpu') =>
    report.benchmarks.some((b) => ok(b).some((s) => (s.breakdownJ?.[k] ?? 0) > 0));
  const split: SplitEnergy[] = [
    ...(metered('memory') ? (['memory/energy'] as const) : []),
    ...(metered('gpu') ? (['gpu/energy'] as const) : []),
  ];
  const units = [...new Set(report.benchmarks.filter(sciFits).map((b) => functionalUnit(b).name))];
  const children = report.benchmarks.map((b) => {
    const unit = functionalUnit(b);
    const inputs = ok(b).map((s) => row(s, at.get(s)!, split, p.intensity.gPerKwh, unit));
    return [b.name, sciFits(b) ? { pipeline: { compute: [`sci-${unit.name}`] }, inputs } : { inputs }];
  });
  return {
    name: `carbon-gate ${report.config}`.slice(0, 200),
    description: `carbon-gate ${report.tool.version} report of ${report.createdAt}; ${provenanceLine(p)}`,
    tags: { kind: 'carbon-gate benchmark run', complexity: null, category: 'ci' },
    initialize: { plugins: Object.fromEntries(units.map((u) => [`sci-${u}`, sciPlugin(u, p, split)])) },
    tree: { children: Object.fromEntries(children) },
  };
}

/** The manifest as YAML; long lines stay whole (no folding) so a diff reads line by line. */
export function impactFrameworkYaml(report: ExportReport): string {
  return stringify(impactFrameworkManifest(report), { lineWidth: 0 });
}
