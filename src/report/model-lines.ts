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
    typeof acc === 'number' ? acc.toFixed(3) : '–',
    b.accuracyPerKj === undefined ? '–' : String(Number(b.accuracyPerKj.toPrecision(3))),
  ];
}

/** Where the compute goes (TF.js layers by MACs) and quality metrics of generators, one line each. */
export function modelLines(report: Report): string[] {
  const out: string[] = [];
  for (const b of report.benchmarks) {
    const name = terminalSafe(b.name);
    const backend = b.backend ? ` (${b.backend})` : '';
    if (b.layers?.length) {
      const top = b.layers
        .slice(0, 3)
        .map((l) => `${terminalSafe(l.name)} ${Math.round(l.share * 100)} %`)
        .join(', ');
      out.push(`${name}${backend}: top layers by MACs: ${top}`);
    }
    const quality: string[] = [];
    if (typeof b.metrics?.psnrDb === 'number')
      quality.push(`reconstruction ${b.metrics.psnrDb.toFixed(1)} dB PSNR`);
    if (typeof b.metrics?.oneNnAccuracy === 'number')
      quality.push(`1-NN accuracy ${b.metrics.oneNnAccuracy.toFixed(3)} (0.5 is ideal)`);
    if (quality.length) out.push(`${name}: ${quality.join(', ')}`);
  }
  return out.length ? ['', ...out] : [];
}
