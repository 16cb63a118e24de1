import { featureCount } from '../data/dataset.js';
import * as tf from '../tf.js';
import { stepsTable } from './matmul-cost.js';
import { round } from './tensors.js';
import { BenchmarkInputError, type TaskContext, type TaskResult } from './types.js';

const QUERY_BATCH = 256;

/**
 * k-nearest-neighbour classification (the report: k = 3): every held-out example votes among its k
 * nearest training examples (Euclidean), ties going to the nearest label. Distances come from one matrix
 * product per batch, |q|² − 2 q·x + |x|², the form BLAS-backed KNN uses.
 */
export async function knnClassify(ctx: TaskContext): Promise<TaskResult> {
  const { train, test, args } = ctx;
  const classes = train.classes;
  if (classes === undefined) throw new BenchmarkInputError('knn needs class labels in the data');
  const f = featureCount(train);
  const k = Math.min(args.k, train.n);
  const x = tf.tensor2d(train.x, [train.n, f]);
  const xNorms = tf.tidy(() => tf.sum(tf.square(x), 1));
  // Transposed once (see matMulT): every batch multiplies by it.
  const xT = tf.transpose(x);
  let correct = 0;
  for (let start = 0; start < test.n; start += QUERY_BATCH) {
    const b = Math.min(QUERY_BATCH, test.n - start);
    const nearest = tf.tidy(() => {
      const q = tf.tensor2d(test.x.subarray(start * f, (start + b) * f), [b, f]);
      const d = tf.add(tf.sub(tf.sum(tf.square(q), 1, true), tf.mul(2, tf.matMul(q, xT))), xNorms);
      return tf.topk(tf.neg(d), k).indices;
    });
    const idx = await nearest.data();
    nearest.dispose();
    for (let i = 0; i < b; i++) {
      const votes = Array.from(idx.subarray(i * k, (i + 1) * k), (j) => train.y[j] as number);
      if (majority(votes, classes) === test.y[start + i]) correct++;
    }
  }
  tf.dispose([x, xT, xNorms]);
  const cost = stepsTable([
    { name: 'distances', type: 'MatMul', params: train.n * f, macs: train.n * f },
    { name: 'query norm', type: 'Square+Sum', params: 0, macs: f },
  ]);
  return {
    metrics: { accuracy: round(correct / test.n), k, testSamples: test.n, trainSamples: train.n },
    cost,
  };
}

/** The most voted label; among equals, the one whose vote came first (the nearer neighbour). */
export function majority(votes: readonly number[], classes: number): number {
  const counts = new Array<number>(classes).fill(0);
  for (const v of votes) counts[v] = (counts[v] ?? 0) + 1;
  let best = votes[0] ?? 0;
  for (const v of votes) if ((counts[v] ?? 0) > (counts[best] ?? 0)) best = v;
  return best;
}
