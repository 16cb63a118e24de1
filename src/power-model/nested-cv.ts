import { bandFrom, covered } from './band.js';
import { gridSearch } from './grid-cv.js';
import { mapePct } from './metrics.js';
import { fitModel, predictCurve, type Example } from './model.js';
import { assignFolds } from './prng.js';
import type { Hyper } from './types.js';

export interface NestedResult {
  /** Out-of-fold curve of every example, from a model that never saw it nor chose its settings on it. */
  predictions: number[][];
  mapePct: number;
  foldMapePct: number[];
  /** Configuration chosen inside each outer fold. */
  chosen: Hyper[];
  /** Share of held-out (server, level) pairs inside the band built from the inner folds alone. */
  bandCoverage: number;
}

/**
 * Nested cross-validation: in each outer fold the hyperparameters are chosen by an inner k-fold
 * search on the outer training rows only, the chosen configuration is refitted on them, and the
 * held-out rows are predicted. The band is likewise built from inner out-of-fold ratios, so its
 * coverage on the outer rows is an honest estimate too.
 */
export function nestedCv(
  examples: readonly Example[],
  outerFolds: readonly number[],
  grid: readonly Hyper[],
  opts: { innerFolds: number; innerSeed: number; bandQuantiles: readonly [number, number] },
): NestedResult {
  const predictions = new Array<number[]>(examples.length);
  const foldMapePct: number[] = [];
  const chosen: Hyper[] = [];
  let inside = 0;
  let total = 0;
  const foldIds = [...new Set(outerFolds)].sort((a, b) => a - b);
  for (const f of foldIds) {
    const train = examples.map((_, i) => i).filter((i) => outerFolds[i] !== f);
    const test = examples.map((_, i) => i).filter((i) => outerFolds[i] === f);
    const inner = assignFolds(train.length, opts.innerFolds, opts.innerSeed + f);
    const search = gridSearch(examples, train, inner, grid);
    const hyper = grid[search.best]!;
    const band = bandFrom(
      search.bestPreds,
      train.map((i) => examples[i]!.watts),
      opts.bandQuantiles,
    );
    const model = fitModel(
      train.map((i) => examples[i]!),
      hyper,
    );
    const preds = test.map((i) => predictCurve(model, examples[i]!.machine, examples[i]!.x));
    test.forEach((i, t) => (predictions[i] = preds[t]!));
    const measured = test.map((i) => examples[i]!.watts);
    const c = covered(preds, measured, band);
    inside += c.inside;
    total += c.total;
    foldMapePct.push(mapePct(preds, measured));
    chosen.push(hyper);
  }
  return {
    predictions,
    mapePct: mapePct(
      predictions,
      examples.map((e) => e.watts),
    ),
    foldMapePct,
    chosen,
    bandCoverage: inside / total,
  };
}
