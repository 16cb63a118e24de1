import { csvText } from '../text/csv.js';
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

export function historyCsv(h: History): string {
  const rows = h.benchmarks.flatMap((b) =>
    b.points.map((p) => [
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
    ]),
  );
  return csvText([HEADER, ...rows]);
}
