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
