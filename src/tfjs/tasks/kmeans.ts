import { featureCount, type Dataset } from '../data/dataset.js';
import { permutation } from '../data/prng.js';
import { fixed } from '../../text/format-number.js';
import * as tf from '../tf.js';
import { stepsTable } from './matmul-cost.js';
import { matMulT, matMulTa, psnr, round } from './tensors.js';
import { BenchmarkInputError, type TaskContext, type TaskResult } from './types.js';

/**
 * k-means (the report: 256 clusters) by Lloyd's algorithm, `epochs` iterations from seeded training
 * examples. As a classifier each cluster takes the majority label of its members and a held-out example
 * the label of its nearest centroid; as an image generator each held-out digit is redrawn as that
 * centroid, scored by PSNR (the metric the fourier benchmark reports too).
 */
export async function trainKmeans(ctx: TaskContext): Promise<TaskResult> {
  const { train, test, args } = ctx;
  if (train.classes === undefined) throw new BenchmarkInputError('kmeans needs class labels in the data');
  const f = featureCount(train);
  const k = Math.min(args.clusters, train.n);
  const x = tf.tensor2d(train.x, [train.n, f]);
  const start = Array.from(permutation(train.n, ctx.seed()).subarray(0, k));
  let centroids = tf.gather(x, start);
  let assigned = nearest(x, centroids);
  for (let it = 1; it <= args.epochs; it++) {
    const next = update(x, assigned, centroids, k);
    centroids.dispose();
    centroids = next;
    assigned.dispose();
    assigned = nearest(x, centroids);
    if (it === args.epochs || it % 5 === 0)
      ctx.log(`iteration ${it}/${args.epochs}: inertia ${fixed(inertia(x, centroids, assigned), 3)}`);
  }
  const labels = clusterLabels(await assigned.data(), train, k);
  const metrics = await scoreTest(test, centroids, labels);
  tf.dispose([x, centroids, assigned]);
  const cost = stepsTable([
    { name: 'distances', type: 'MatMul', params: k * f, macs: k * f },
    { name: 'centroid update', type: 'MatMul', params: 0, macs: f },
  ]);
  return { metrics: { ...metrics, clusters: k, epochs: args.epochs, trainSamples: train.n }, cost };
}

function nearest(x: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    // |x|² is the same for every centroid: the argmin needs only |c|² − 2 x·c.
    const d = tf.sub(tf.sum(tf.square(c), 1), tf.mul(2, matMulT(x, c)));
    return tf.argMin(d, 1) as tf.Tensor1D;
  });
}

/** Means of each cluster's members; a cluster left empty keeps its centroid. */
function update(x: tf.Tensor2D, assigned: tf.Tensor1D, c: tf.Tensor2D, k: number): tf.Tensor2D {
  return tf.tidy(() => {
    const member = tf.cast(tf.oneHot(assigned, k), 'float32');
    const counts = tf.expandDims(tf.sum(member, 0), 1);
    const sums = matMulTa(member, x);
    return tf.where(tf.greater(counts, 0), tf.div(sums, tf.maximum(counts, 1)), c) as tf.Tensor2D;
  });
}

function inertia(x: tf.Tensor2D, c: tf.Tensor2D, assigned: tf.Tensor1D): number {
  return tf.tidy(
    () => tf.mean(tf.sum(tf.squaredDifference(x, tf.gather(c, assigned)), 1)).dataSync()[0] ?? NaN,
  );
}

/** Majority label per cluster (-1 for an empty cluster, which then never classifies right). */
function clusterLabels(assigned: ArrayLike<number>, train: Dataset, k: number): Int32Array {
  const classes = train.classes ?? 0;
  const counts = new Int32Array(k * classes);
  for (let i = 0; i < train.n; i++) counts[(assigned[i] as number) * classes + (train.y[i] as number)]! += 1;
  return Int32Array.from({ length: k }, (_, c) => {
    let best = -1;
    let most = 0;
    for (let l = 0; l < classes; l++)
      if ((counts[c * classes + l] as number) > most) [best, most] = [l, counts[c * classes + l] as number];
    return best;
  });
}

async function scoreTest(test: Dataset, c: tf.Tensor2D, labels: Int32Array) {
  const xt = tf.tensor2d(test.x, [test.n, featureCount(test)]);
  const assigned = nearest(xt, c);
  const near = await assigned.data();
  let correct = 0;
  for (let i = 0; i < test.n; i++) if (labels[near[i] as number] === test.y[i]) correct++;
  const quality = tf.tidy(() => psnr(xt, tf.gather(c, assigned)));
  tf.dispose([xt, assigned]);
  return { accuracy: round(correct / test.n), psnrDb: round(quality, 2), testSamples: test.n };
}
