import type { History } from './series.js';

/** The full history as CSV: every run of every benchmark (the pages draw and table the last runs only). */
export const CSV_FILE = 'runs.csv';

const HEADER = [
  'created_at',
  'sha',
  'run_id',
  'benchmark',
  'repeats',
  'energy_j',
  'energy_j_ci_low',
  'energy_j_ci_high',
  'co2e_g',
  'co2e_g_ci_low',
  'co2e_g_ci_high',
];

/**
 * One cell: quoted when it holds a comma, quote or line break; a leading = + - @ or tab/CR is prefixed
 * with ' so a spreadsheet does not run a benchmark name as a formula.
 */
export function csvCell(v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function historyCsv(h: History): string {
  const lines = [HEADER.join(',')];
  for (const b of h.benchmarks) {
    for (const p of b.points) {
      lines.push(
        [
          p.createdAt,
          p.sha,
          p.runId,
          b.name,
          p.n,
          p.energyJ.median,
          p.energyJ.ci95?.[0],
          p.energyJ.ci95?.[1],
          p.co2eG.median,
          p.co2eG.ci95?.[0],
          p.co2eG.ci95?.[1],
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}
