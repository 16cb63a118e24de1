import { terminalSafe } from '../text/terminal-safe.js';
import { formatDuration, formatEnergy, formatMass } from '../units.js';
import { carbonLines } from './carbon-lines.js';
import type { Report } from './types.js';

const dash = '–';
const orDash = (v: number | null, f: (n: number) => string) => (v === null ? dash : f(v));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The human-readable summary printed after a run: a pure function of the report. */
export function renderTable(report: Report): string {
  const header = ['benchmark', 'kind', 'repeats', 'time', 'energy', 'CO2e', 'status'];
  const rows = report.benchmarks.map((b) => [
    terminalSafe(b.name),
    b.kind,
    String(b.samples.filter((s) => s.status === 'ok').length) + '/' + String(b.repeats),
    orDash(b.durationS, formatDuration),
    orDash(b.energyJ, formatEnergy) +
      (b.energyBandJ ? ` (${formatEnergy(b.energyBandJ.low)}–${formatEnergy(b.energyBandJ.high)})` : ''),
    orDash(b.co2eG, formatMass),
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
    report.verdict.status,
  ];
  const m = report.method;
  const lines = [
    table([header, ...rows, total]),
    '',
    `Energy: ${m.cpu} (${m.powerModel}; ${m.scope}), GPU: ${m.gpu}, sampled every ${formatDuration(m.intervalS)}`,
    ...m.basis.map((b) => `  ${terminalSafe(b)}`),
    ...(m.gpuNames?.length ? [`  GPUs: ${m.gpuNames.map(terminalSafe).join(', ')}`] : []),
    ...(report.benchmarks.some((b) => b.energyBandJ)
      ? ["  energy (low–high): the band the power model's cross-validated error implies"]
      : []),
    ...carbonLines(report),
    "Totals are sums of each benchmark's median repeat; CO2e = energy × PUE × grid intensity + embodied.",
  ];
  for (const b of report.benchmarks.filter((x) => x.status === 'error')) {
    lines.push(`error: ${terminalSafe(b.name)}: ${terminalSafe(b.reason ?? 'failed')}`);
  }
  for (const n of report.notices) lines.push(`notice: ${terminalSafe(n)}`);
  return lines.join('\n') + '\n';
}
