import { monotone } from './curve.js';
import { KNN_DIMS } from './features.js';
import { correction, nearest, type NeighbourSet } from './knn.js';
import { fitRidge, fitScaler, predictRidge, standardise, type Ridge, type Scaler } from './ridge.js';
import type { Hyper, ResolvedMachine } from './types.js';

/** A training server: its resolved inputs, feature row and measured curve (11 levels, W). */
export interface Example {
  machine: ResolvedMachine;
  x: number[];
  watts: number[];
}

export interface FittedModel {
  hyper: Hyper;
  scaler: Scaler;
  ridge: Ridge;
  neighbours: NeighbourSet;
}

/**
 * Fits the model: ridge regression of log wall power at each load level on the features (log, so
 * errors are relative, as MAPE scores them), then keeps each server's residuals for the
 * neighbour correction.
 */
export function fitModel(train: readonly Example[], hyper: Hyper): FittedModel {
  const scaler = fitScaler(train.map((e) => e.x));
  const z = train.map((e) => standardise(scaler, e.x));
  const logY = train.map((e) => e.watts.map(Math.log));
  const ridge = fitRidge(z, logY, hyper.lambda);
  const residuals = z.map((row, i) => {
    const fit = predictRidge(ridge, row);
    return logY[i]!.map((v, c) => v - fit[c]!);
  });
  return {
    hyper,
    scaler,
    ridge,
    neighbours: {
      keys: train.map((e) => e.machine.key),
      vendors: train.map((e) => e.machine.vendor),
      points: z.map((row) => row.slice(0, KNN_DIMS)),
      residuals,
    },
  };
}

/** Predicted wall power (W) at the 11 load levels, non-decreasing in load. */
export function predictCurve(model: FittedModel, machine: ResolvedMachine, x: readonly number[]): number[] {
  const z = standardise(model.scaler, x);
  const base = predictRidge(model.ridge, z);
  const { k, bandwidth, namePenalty, vendorPenalty } = model.hyper;
  const query = { key: machine.key, vendor: machine.vendor, point: z.slice(0, KNN_DIMS) };
  const near = nearest(model.neighbours, query, namePenalty, vendorPenalty, k);
  const corr = correction(near, model.neighbours.residuals, k, bandwidth);
  return monotone(base.map((b, c) => Math.exp(b + corr[c]!)));
}
