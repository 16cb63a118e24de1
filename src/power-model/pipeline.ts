import { bandFrom, covered } from './band.js';
import { LEVELS } from './curve.js';
import { featureNames } from './features.js';
import { FORMULAS } from './formulas.js';
import { gridSearch } from './grid-cv.js';
import { mapePct } from './metrics.js';
import { fitModel } from './model.js';
import type { PowerModelFile } from './model-file.js';
import { nestedCv } from './nested-cv.js';
import { prepare } from './prepare.js';
import { assignFolds } from './prng.js';
import { GRID_AXES, gridFrom, PROTOCOL } from './protocol.js';
import { sig } from './quantile.js';
import type { SpecServer } from './specpower.js';

const round = (rows: readonly (readonly number[])[], digits: number) =>
  rows.map((r) => r.map((v) => sig(v, digits)));

/** Per-fold and overall MAPE (%) of every published formula on the same rows and folds. */
export function scoreFormulas(prepared: ReturnType<typeof prepare>, folds: readonly number[]) {
  const measured = prepared.examples.map((e) => e.watts);
  return FORMULAS.map(([name, f]) => {
    const preds = prepared.examples.map((e) => f(e.machine));
    const foldMapePct = [...new Set(folds)].sort().map((k) => {
      const rows = folds.map((g, i) => (g === k ? i : -1)).filter((i) => i >= 0);
      return mapePct(
        rows.map((i) => preds[i]!),
        rows.map((i) => measured[i]!),
      );
    });
    return { name, mapePct: mapePct(preds, measured), foldMapePct, predictions: preds };
  });
}

/** The whole fit: nested CV for the honest score, then selection and refit on every server. */
export function fitPowerModel(servers: readonly SpecServer[], meta: { inputSha256: string; source: string }) {
  const prepared = prepare(servers);
  const { examples } = prepared;
  const grid = gridFrom(GRID_AXES);
  const folds = assignFolds(examples.length, PROTOCOL.folds, PROTOCOL.seed);
  const nested = nestedCv(examples, folds, grid, {
    innerFolds: PROTOCOL.folds,
    innerSeed: PROTOCOL.innerSeed,
    bandQuantiles: PROTOCOL.bandQuantiles,
  });
  const all = examples.map((_, i) => i);
  const selection = gridSearch(examples, all, folds, grid);
  const hyper = grid[selection.best]!;
  const model = fitModel(examples, hyper);
  const measured = examples.map((e) => e.watts);
  const band = bandFrom(nested.predictions, measured, PROTOCOL.bandQuantiles);
  const c = covered(nested.predictions, measured, band);
  const formulas = scoreFormulas(prepared, folds);
  const file: PowerModelFile = {
    name: 'carbon-gate SPECpower wall-power model',
    version: '1.0.0',
    description:
      'Whole-server wall power (W) at 0-100 % CPU load: ridge regression of log power per load level on CPU/server features, plus a kernel-weighted correction from the residuals of the most similar SPECpower servers; monotone in load.',
    attribution: {
      data: 'SPECpower_ssj2008 published results (Standard Performance Evaluation Corporation, spec.org)',
      via: 'cleaned by the Cloud Energy project (green-coding-solutions/cloud-energy, data/spec_data_cleaned_unmelted.csv)',
      licence: 'MIT (Cloud Energy)',
      url: 'https://github.com/green-coding-solutions/cloud-energy',
    },
    training: {
      source: meta.source,
      servers: examples.length,
      inputSha256: meta.inputSha256,
      levels: [...LEVELS],
    },
    protocol: {
      folds: PROTOCOL.folds,
      seed: PROTOCOL.seed,
      innerSeed: PROTOCOL.innerSeed,
      bandQuantiles: [...PROTOCOL.bandQuantiles],
      grid: GRID_AXES,
      selection:
        'hyperparameters chosen by 5-fold CV on all servers; the reported cv.mapePct is nested (chosen inside each outer fold by an inner 5-fold search)',
    },
    hyperparameters: hyper,
    architectures: prepared.architectures,
    features: featureNames(prepared.architectures),
    defaults: prepared.defaults,
    band: {
      lowRatio: sig(band.lowRatio, 4),
      highRatio: sig(band.highRatio, 4),
      coverage: sig(c.inside / c.total, 4),
      nestedCoverage: sig(nested.bandCoverage, 4),
    },
    cv: {
      mapePct: sig(nested.mapePct, 4),
      foldMapePct: nested.foldMapePct.map((v) => sig(v, 4)),
      selectedConfigMapePct: sig(selection.scores[selection.best]!, 4),
      formulasMapePct: Object.fromEntries(formulas.map((f) => [f.name, sig(f.mapePct, 4)])),
    },
    scaler: { mean: model.scaler.mean.map((v) => sig(v, 10)), sd: model.scaler.sd.map((v) => sig(v, 10)) },
    ridge: {
      intercept: model.ridge.intercept.map((v) => sig(v, 10)),
      weights: round(model.ridge.weights, 10),
    },
    neighbours: {
      keys: [...model.neighbours.keys],
      vendors: [...model.neighbours.vendors],
      points: round(model.neighbours.points, 6),
      residuals: round(model.neighbours.residuals, 6),
    },
  };
  return { file, prepared, folds, grid, nested, selection, formulas };
}
