import { quantile } from './quantile.js';

export interface Band {
  lowRatio: number;
  highRatio: number;
}

/** Ratios measured ÷ predicted over every server and load level. */
export function ratios(predicted: readonly number[][], measured: readonly number[][]): number[] {
  return measured.flatMap((m, i) => m.map((w, c) => w / predicted[i]![c]!));
}

/** The band [pred × q_low, pred × q_high] from quantiles of out-of-fold ratios. */
export function bandFrom(
  predicted: readonly number[][],
  measured: readonly number[][],
  q: readonly [number, number],
): Band {
  const r = ratios(predicted, measured);
  return { lowRatio: quantile(r, q[0]), highRatio: quantile(r, q[1]) };
}

/** Count of (server, level) pairs whose measurement falls inside the band, and the total. */
export function covered(predicted: readonly number[][], measured: readonly number[][], band: Band) {
  const r = ratios(predicted, measured);
  return { inside: r.filter((x) => x >= band.lowRatio && x <= band.highRatio).length, total: r.length };
}
