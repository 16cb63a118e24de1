/**
 * Seeded shuffles over the shared PRNG. Cross-validation folds must be the same on every run and
 * machine, so nothing here may touch Math.random.
 */
import { mulberry32, shuffleInPlace } from '../stats/prng.js';

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  return shuffleInPlace([...items], mulberry32(seed));
}

/** Fold number (0..k-1) of each of `n` rows: a seeded shuffle dealt round-robin, so sizes differ by ≤ 1. */
export function assignFolds(n: number, k: number, seed: number): number[] {
  const folds = new Array<number>(n).fill(0);
  shuffled(
    Array.from({ length: n }, (_, i) => i),
    seed,
  ).forEach((row, position) => (folds[row] = position % k));
  return folds;
}
