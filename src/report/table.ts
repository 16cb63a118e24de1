import { gpuChoiceLine } from '../meter/nvidia-describe.js';
import { terminalSafe } from '../text/terminal-safe.js';
import { textTable } from '../text/text-table.js';
import { modelCells, modelHeader, modelLines } from './model-lines.js';
import { formatDuration, formatEnergy, formatMass } from '../text/format-number.js';
import { carbonLines } from './carbon-lines.js';
import { gateLines } from './gate-lines.js';
import type { Report } from './types.js';

const dash = '–';
const orDash = (v: number | null, f: (n: number) => string) => (v === null ? dash : f(v));

/** The human-readable summary printed after a run: a pure function of the report. */
export function renderTable(report: Report): string {
  const header = ['benchmark', 'kind', 'repeats', 'time', 'energy', 'CO2e', ...modelHeader(report), 'status'];
  const rows = report.benchmarks.map((b) => [
    terminalSafe(b.name),
    b.kind,
    String(b.samples.filter((s) => s.status === 'ok').length) + '/' + String(b.repeats),
    orDash(b.durationS, formatDuration),
    orDash(b.energyJ, formatEnergy) +
      (b.energyBandJ ? ` (${formatEnergy(b.energyBandJ.low)}–${formatEnergy(b.energyBandJ.high)})` : ''),
    orDash(b.co2eG, formatMass),
    ...modelCells(report, b),
    b.status,
  ]);
  const t = report.totals;
  const total = [
    'total',
    '',
    '',
    formatDuration(t.durationS),
    formatEnergy(t.energyJ),
    formatMass(t.co2eG),
    ...modelHeader(report).map(() => ''),
    report.verdict.status,
  ];
  const m = report.method;
  const lines = [
    textTable([header, ...rows, total]),
    ...modelLines(report),
    '',
    `Energy: ${m.cpu} (${m.powerModel}; ${m.scope}), GPU: ${m.gpu}, sampled every ${formatDuration(m.intervalS)}`,
    ...m.basis.map((b) => `  ${terminalSafe(b)}`),
    ...(m.gpusSkipped?.length
      ? [`  GPUs: ${terminalSafe(gpuChoiceLine(m.gpusMetered ?? [], m.gpusSkipped))}`]
      : m.gpuNames?.length
        ? [`  GPUs: ${m.gpuNames.map(terminalSafe).join(', ')}`]
        : []),
    ...(report.benchmarks.some((b) => b.energyBandJ)
      ? ["  energy (low–high): the band the power model's cross-validated error implies"]
      : []),
    ...carbonLines(report),
    "Totals are sums of each benchmark's median repeat; CO2e = energy × PUE × grid intensity + embodied.",
  ];
  // Errored benchmarks' reasons are listed once, under the verdict (gateLines).
  lines.push('', ...gateLines(report));
  for (const n of report.notices) lines.push(`notice: ${terminalSafe(n)}`);
  return lines.join('\n') + '\n';
}
