import type { Hyper } from './types.js';

/**
 * The evaluation protocol, fixed before looking at scores: 5 folds dealt from a seeded shuffle
 * (seed 2008, for SPECpower_ssj2008), inner 5-fold searches seeded per outer fold, and a band
 * from the 10th and 90th percentiles of measured ÷ predicted.
 */
export const PROTOCOL = {
  folds: 5,
  seed: 2008,
  innerSeed: 4242,
  bandQuantiles: [0.1, 0.9] as const,
};

/** The hyperparameter grid searched inside every fold (108 configurations). */
export const GRID_AXES = {
  lambda: [3, 10, 30],
  k: [3, 5, 8],
  bandwidth: [0.5, 1, 2],
  namePenalty: [1, 3],
  vendorPenalty: [0, 0.5],
};

export function gridFrom(axes: typeof GRID_AXES): Hyper[] {
  const out: Hyper[] = [];
  for (const lambda of axes.lambda)
    for (const k of axes.k)
      for (const bandwidth of axes.bandwidth)
        for (const namePenalty of axes.namePenalty)
          for (const vendorPenalty of axes.vendorPenalty)
            out.push({ lambda, k, bandwidth, namePenalty, vendorPenalty });
  return out;
}
