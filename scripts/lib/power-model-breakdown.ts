/** Breakdowns printed by the bench: per architecture, per load level, residual quantiles. */
import { ratios } from '../../src/power-model/band.js';
import { LEVELS } from '../../src/power-model/curve.js';
import { mapePct } from '../../src/power-model/metrics.js';
import type { Example } from '../../src/power-model/model.js';
import { quantile } from '../../src/power-model/quantile.js';
import { table } from './power-model-report.js';

const f1 = (v: number) => v.toFixed(1);

export function perArchitecture(examples: readonly Example[], model: number[][], teads: number[][]): string {
  const groups = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const a = e.machine.architecture ?? '(unknown)';
    groups.set(a, [...(groups.get(a) ?? []), i]);
  });
  const rows = [...groups.keys()].sort().map((a) => {
    const ix = groups.get(a)!;
    const measured = ix.map((i) => examples[i]!.watts);
    return [
      a,
      ix.length,
      f1(
        mapePct(
          ix.map((i) => model[i]!),
          measured,
        ),
      ),
      f1(
        mapePct(
          ix.map((i) => teads[i]!),
          measured,
        ),
      ),
    ];
  });
  return table(['architecture', 'servers', 'model MAPE %', 'Teads MAPE %'], rows);
}

export function perLevel(examples: readonly Example[], model: number[][], teads: number[][]): string {
  const at = (preds: number[][], c: number) =>
    mapePct(
      preds.map((p) => [p[c]!]),
      examples.map((e) => [e.watts[c]!]),
    );
  const rows = LEVELS.map((u, c) => [
    c === 0 ? 'active idle' : `${Math.round(u * 100)} %`,
    f1(at(model, c)),
    f1(at(teads, c)),
  ]);
  return table(['load', 'model MAPE %', 'Teads MAPE %'], rows);
}

export const RESIDUAL_QUANTILES = [0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975];

/** Quantiles of measured ÷ predicted over all out-of-fold server-levels. */
export function residualQuantiles(examples: readonly Example[], model: number[][]): string {
  const r = ratios(
    model,
    examples.map((e) => e.watts),
  );
  return table(
    ['quantile', ...RESIDUAL_QUANTILES.map((q) => `${q * 100}%`)],
    [['measured ÷ predicted', ...RESIDUAL_QUANTILES.map((q) => quantile(r, q).toFixed(3))]],
  );
}
