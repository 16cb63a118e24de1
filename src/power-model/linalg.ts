/**
 * Solves A X = B for a symmetric positive-definite A (the ridge normal equations) by Cholesky.
 * A is n×n, B is n×m; rows are arrays. The ridge penalty keeps A positive definite even when a
 * one-hot column is all zeros in a training fold.
 */
export function solveSpd(a: readonly number[][], b: readonly number[][]): number[][] {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > 0)) throw new Error('solveSpd: matrix is not positive definite');
        l[i]![i] = Math.sqrt(sum);
      } else {
        l[i]![j] = sum / l[j]![j]!;
      }
    }
  }
  const m = b[0]?.length ?? 0;
  const x = b.map((row) => [...row]);
  for (let c = 0; c < m; c++) {
    // Forward (L y = b), then back (Lᵀ x = y), column by column.
    for (let i = 0; i < n; i++) {
      let sum = x[i]![c]!;
      for (let k = 0; k < i; k++) sum -= l[i]![k]! * x[k]![c]!;
      x[i]![c] = sum / l[i]![i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = x[i]![c]!;
      for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]![c]!;
      x[i]![c] = sum / l[i]![i]!;
    }
  }
  return x;
}
