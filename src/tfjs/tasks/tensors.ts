import type { Dataset } from '../data/dataset.js';
import * as tf from '../tf.js';

export const inputs = (d: Dataset) => tf.tensor(d.x, [d.n, ...d.shape]);

/** Class ids as one-hot rows (categorical cross-entropy), or the raw targets. */
export function targets(d: Dataset, oneHot: boolean) {
  if (oneHot && d.classes) return tf.tidy(() => tf.oneHot(tf.tensor1d(d.y, 'int32'), d.classes as number));
  return tf.tensor(d.y, [d.n, d.yDim]);
}

/** Share of rows whose highest score is the true class. */
export function accuracyOf(scores: tf.Tensor, d: Dataset): number {
  return tf.tidy(() => {
    const hits = tf.equal(tf.argMax(scores, -1), tf.tensor1d(d.y, 'int32'));
    return tf.mean(tf.cast(hits, 'float32')).dataSync()[0] as number;
  });
}

export const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/** Peak signal-to-noise ratio of a reconstruction of 0-1 images, in dB (higher is better). */
export function psnr(original: tf.Tensor, rebuilt: tf.Tensor): number {
  return tf.tidy(() => {
    const mse = tf.mean(tf.squaredDifference(original, rebuilt)).dataSync()[0] as number;
    return 10 * Math.log10(1 / Math.max(mse, 1e-12));
  });
}

/**
 * a·bᵀ. Written with an explicit transpose because TF.js's wasm backend runs transposed matMul operands
 * through a slow path: 2400×784 by 784×256 takes ~500 ms with transposeB and ~55 ms this way (measured).
 */
export function matMulT(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.matMul(a, tf.transpose(b, swapLast(b.rank))));
}

/** aᵀ·b, for the same reason as matMulT. */
export function matMulTa(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.matMul(tf.transpose(a, swapLast(a.rank)), b));
}

/** The permutation that swaps a tensor's last two axes. */
function swapLast(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [rank - 1, rank - 2];
  return perm;
}
