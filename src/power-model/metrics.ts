import { mean } from './quantile.js';

/** A server's error: mean over the load levels of |predicted − measured| / measured. */
export function serverApe(predicted: readonly number[], measured: readonly number[]): number {
  return mean(measured.map((m, i) => Math.abs(predicted[i]! - m) / m));
}

/** MAPE in %: server errors averaged over servers, so every server weighs the same. */
export function mapePct(predicted: readonly number[][], measured: readonly number[][]): number {
  return 100 * mean(measured.map((m, i) => serverApe(predicted[i]!, m)));
}
