/** Console tables shared by the fit and bench scripts. */
import type { fitPowerModel } from '../../src/power-model/pipeline.js';

export const TARGET_MAPE_PCT = 10;

const pct = (v: number) => `${v.toFixed(1)} %`.padStart(7);

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => r[j]!.length)));
  const line = (r: string[]) =>
    r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** The headline: model vs the four formulas on the same servers and folds. */
export function printComparison(fit: ReturnType<typeof fitPowerModel>): void {
  const n = fit.prepared.examples.length;
  const folds = fit.nested.foldMapePct.map((_, i) => `fold ${i + 1}`);
  console.log(
    `Wall-power MAPE over the 11 load levels, averaged over ${n} SPECpower servers; 5 seeded folds (seed ${fit.file.protocol.seed}).`,
  );
  console.log(
    table(
      ['estimator', 'MAPE', ...folds],
      [
        ['calibrated model (nested CV)', pct(fit.nested.mapePct), ...fit.nested.foldMapePct.map(pct)],
        ...fit.formulas.map((f) => [f.name, pct(f.mapePct), ...f.foldMapePct.map(pct)]),
      ],
    ),
  );
  console.log(
    `(same folds, hyperparameters tuned on the CV score itself, i.e. optimistic: ${fit.selection.scores[fit.selection.best]!.toFixed(2)} %)`,
  );
  const gap = fit.nested.mapePct - TARGET_MAPE_PCT;
  console.log(
    gap <= 0
      ? `target ≤ ${TARGET_MAPE_PCT} %: met (${fit.nested.mapePct.toFixed(2)} %, nested)`
      : `target ≤ ${TARGET_MAPE_PCT} %: MISSED by ${gap.toFixed(2)} points (${fit.nested.mapePct.toFixed(2)} %, nested)`,
  );
}
