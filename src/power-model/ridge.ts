import { solveSpd } from './linalg.js';

/** Column means and standard deviations of a training set (NaN = missing, skipped). */
export interface Scaler {
  mean: number[];
  sd: number[];
}

export function fitScaler(x: readonly number[][]): Scaler {
  const cols = x[0]?.length ?? 0;
  const mean: number[] = [];
  const sd: number[] = [];
  for (let j = 0; j < cols; j++) {
    const v = x.map((row) => row[j]!).filter((n) => !Number.isNaN(n));
    const mu = v.length ? v.reduce((s, n) => s + n, 0) / v.length : 0;
    const variance = v.length ? v.reduce((s, n) => s + (n - mu) ** 2, 0) / v.length : 0;
    mean.push(mu);
    // A constant column (a one-hot absent from this fold) gets sd 1: its z is 0 and ridge zeroes it.
    sd.push(variance > 1e-12 ? Math.sqrt(variance) : 1);
  }
  return { mean, sd };
}

/** Standardised row; a missing value sits at the mean (z = 0). */
export function standardise(s: Scaler, row: readonly number[]): number[] {
  return row.map((v, j) => (Number.isNaN(v) ? 0 : (v - s.mean[j]!) / s.sd[j]!));
}

export interface Ridge {
  intercept: number[];
  /** features × outputs */
  weights: number[][];
}

/**
 * Multi-output ridge regression on standardised inputs: one weight column per output (here the 11
 * load levels), all sharing the Gram matrix. The intercept is the output mean and is not penalised.
 */
export function fitRidge(z: readonly number[][], y: readonly number[][], lambda: number): Ridge {
  const n = z.length;
  const p = z[0]!.length;
  const m = y[0]!.length;
  const intercept = Array.from({ length: m }, (_, c) => y.reduce((s, row) => s + row[c]!, 0) / n);
  const gram = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const rhs = Array.from({ length: p }, () => new Array<number>(m).fill(0));
  for (let r = 0; r < n; r++) {
    const zr = z[r]!;
    const yr = y[r]!;
    for (let i = 0; i < p; i++) {
      const zi = zr[i]!;
      if (zi === 0) continue;
      for (let j = 0; j <= i; j++) gram[i]![j]! += zi * zr[j]!;
      for (let c = 0; c < m; c++) rhs[i]![c]! += zi * (yr[c]! - intercept[c]!);
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) gram[j]![i] = gram[i]![j]!;
    gram[i]![i]! += lambda;
  }
  return { intercept, weights: solveSpd(gram, rhs) };
}

export function predictRidge(model: Ridge, z: readonly number[]): number[] {
  return model.intercept.map((b, c) => z.reduce((s, zi, i) => s + zi * model.weights[i]![c]!, b));
}
