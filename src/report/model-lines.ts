import { fixed, percentWhole, roundSignificant } from '../text/format-number.js';
import { topLayers } from '../runner/metrics-file.js';
import { terminalSafe } from '../text/terminal-safe.js';
import type { BenchmarkReport, Report } from './types.js';

/** Accuracy and accuracy per kJ columns, shown only when some benchmark reports an accuracy. */
const hasAccuracy = (r: Report) => r.benchmarks.some((b) => typeof b.metrics?.accuracy === 'number');

export function modelHeader(report: Report): string[] {
  return hasAccuracy(report) ? ['accuracy', 'acc/kJ'] : [];
}

export function modelCells(report: Report, b: BenchmarkReport): string[] {
  if (!hasAccuracy(report)) return [];
  const acc = b.metrics?.accuracy;
  return [
    typeof acc === 'number' ? fixed(acc, 3) : '–',
    b.accuracyPerKj === undefined ? '–' : String(roundSignificant(b.accuracyPerKj, 3)),
  ];
}

/** Where the compute goes (TF.js layers by MACs) and quality metrics of generators, one line each. */
export function modelLines(report: Report): string[] {
  const out: string[] = [];
  for (const b of report.benchmarks) {
    const name = terminalSafe(b.name);
    const backend = b.backend ? ` (${b.backend})` : '';
    // The list is in model order (older reports: most MACs first): ranked here.
    const top = topLayers(b.layers ?? [], 3);
    if (top.length) {
      const shares = top.map((l) => `${terminalSafe(l.name)} ${percentWhole(l.share)}`).join(', ');
      out.push(`${name}${backend}: top layers by MACs: ${shares}`);
    }
    const quality: string[] = [];
    if (typeof b.metrics?.psnrDb === 'number')
      quality.push(`reconstruction ${fixed(b.metrics.psnrDb, 1)} dB PSNR`);
    if (typeof b.metrics?.oneNnAccuracy === 'number')
      quality.push(`1-NN accuracy ${fixed(b.metrics.oneNnAccuracy, 3)} (0.5 is ideal)`);
    if (quality.length) out.push(`${name}: ${quality.join(', ')}`);
  }
  return out.length ? ['', ...out] : [];
}
