import { monotone } from './curve.js';
import { KNN_DIMS } from './features.js';
import { correction, nearest, type Neighbour } from './knn.js';
import { mapePct } from './metrics.js';
import type { Example } from './model.js';
import { fitRidge, fitScaler, predictRidge, standardise } from './ridge.js';
import type { Hyper } from './types.js';

const unique = <T>(values: T[]) => [...new Set(values)];

/**
 * Out-of-fold predictions of every configuration in `grid`, for the examples `rows` split by
 * `folds` (fold of each row, same order). The work shared between configurations — scaling, one
 * ridge fit per λ, one neighbour search per penalty pair — is done once per fold.
 */
export function gridOutOfFold(
  examples: readonly Example[],
  rows: readonly number[],
  folds: readonly number[],
  grid: readonly Hyper[],
) {
  const preds = grid.map(() => new Array<number[]>(rows.length));
  const kMax = Math.max(...grid.map((h) => h.k));
  for (const f of unique([...folds]).sort((a, b) => a - b)) {
    const trainPos = rows.map((_, p) => p).filter((p) => folds[p] !== f);
    const testPos = rows.map((_, p) => p).filter((p) => folds[p] === f);
    const ex = (p: number) => examples[rows[p]!]!;
    const scaler = fitScaler(trainPos.map((p) => ex(p).x));
    const zTrain = trainPos.map((p) => standardise(scaler, ex(p).x));
    const zTest = testPos.map((p) => standardise(scaler, ex(p).x));
    const logY = trainPos.map((p) => ex(p).watts.map(Math.log));
    const byLambda = new Map(
      unique(grid.map((h) => h.lambda)).map((lambda) => {
        const ridge = fitRidge(zTrain, logY, lambda);
        const residuals = zTrain.map((z, i) => predictRidge(ridge, z).map((v, c) => logY[i]![c]! - v));
        return [lambda, { residuals, base: zTest.map((z) => predictRidge(ridge, z)) }] as const;
      }),
    );
    const set = {
      keys: trainPos.map((p) => ex(p).machine.key),
      vendors: trainPos.map((p) => ex(p).machine.vendor),
      points: zTrain.map((z) => z.slice(0, KNN_DIMS)),
    };
    const searches = new Map<string, Neighbour[][]>();
    grid.forEach((h, g) => {
      const pk = `${h.namePenalty}|${h.vendorPenalty}`;
      if (!searches.has(pk)) {
        const lists = testPos.map((p, t) => {
          const q = {
            key: ex(p).machine.key,
            vendor: ex(p).machine.vendor,
            point: zTest[t]!.slice(0, KNN_DIMS),
          };
          return nearest(set, q, h.namePenalty, h.vendorPenalty, kMax);
        });
        searches.set(pk, lists);
      }
      const { residuals, base } = byLambda.get(h.lambda)!;
      testPos.forEach((p, t) => {
        const corr = correction(searches.get(pk)![t]!, residuals, h.k, h.bandwidth);
        preds[g]![p] = monotone(base[t]!.map((b, c) => Math.exp(b + corr[c]!)));
      });
    });
  }
  return preds;
}

/** MAPE (%) of each configuration; the best is the lowest, ties to the earlier in the grid. */
export function gridSearch(
  examples: readonly Example[],
  rows: readonly number[],
  folds: readonly number[],
  grid: readonly Hyper[],
) {
  const preds = gridOutOfFold(examples, rows, folds, grid);
  const measured = rows.map((r) => examples[r]!.watts);
  const scores = preds.map((p) => mapePct(p, measured));
  let best = 0;
  scores.forEach((s, g) => (s < scores[best]! ? (best = g) : undefined));
  return { scores, best, bestPreds: preds[best]! };
}
