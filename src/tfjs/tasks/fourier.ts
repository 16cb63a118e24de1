import * as tf from '../tf.js';
import { stepsTable, type Step } from './matmul-cost.js';
import { psnr, round } from './tensors.js';
import { BenchmarkInputError, type TaskContext, type TaskResult } from './types.js';

/**
 * Image generation by a truncated 2-D Fourier series: each held-out digit is analysed into its lowest
 * `frequencies` per axis (positive and negative: 2f − 1 of them) and redrawn from those coefficients
 * alone, scored by PSNR like the kmeans benchmark's redrawn digits. The transform is done with cosine and
 * sine matrices — the DFT written as matrix products, which every backend runs (TF.js's FFT kernels
 * do not exist on wasm) and whose MACs are exact.
 */
export async function fourierReconstruct(ctx: TaskContext): Promise<TaskResult> {
  const { test, args } = ctx;
  const [rows, cols, channels] = test.shape;
  if (test.shape.length !== 3 || channels !== 1 || rows !== cols || !rows) {
    throw new BenchmarkInputError(
      `fourier needs square [n, n, 1] images, the data has [${test.shape.join(', ')}]`,
    );
  }
  const n = rows;
  const kept = keptFrequencies(n, args.frequencies);
  const [c, s] = basis(n, kept);
  const images = tf.tensor3d(test.x, [test.n, n, n]);
  // Transposed once rather than through matMul's transpose flags, slow on wasm (see matMulT).
  const [cT, sT] = [tf.transpose(c), tf.transpose(s)];
  const rebuilt = tf.tidy(() => {
    // Coefficients F = (C − iS) X (C − iS)ᵀ = A + iB.
    const xc = tf.matMul(images, cT);
    const xs = tf.matMul(images, sT);
    const a = tf.sub(left(c, xc), left(s, xs));
    const b = tf.neg(tf.add(left(c, xs), left(s, xc)));
    // X̂ = Re[(C + iS)ᵀ F (C + iS)] / n² = (CᵀAC − SᵀAS − CᵀBS − SᵀBC) / n².
    const ac = tf.matMul(a, c);
    const as = tf.matMul(a, s);
    const bc = tf.matMul(b, c);
    const bs = tf.matMul(b, s);
    const sum = tf.sub(tf.sub(tf.sub(left(cT, ac), left(sT, as)), left(cT, bs)), left(sT, bc));
    return tf.clipByValue(tf.div(sum, n * n), 0, 1);
  });
  await rebuilt.data();
  const quality = psnr(images, rebuilt);
  tf.dispose([images, rebuilt, c, s, cT, sT]);
  const k = kept.length;
  const cost = stepsTable(macSteps(n, k));
  const metrics = {
    psnrDb: round(quality, 2),
    frequencies: args.frequencies,
    coefficients: k * k,
    testSamples: test.n,
  };
  return { metrics, cost };
}

/** Frequencies 0…f−1 and their negative twins n−f+1…n−1: the low-pass square of a real image's spectrum. */
export function keptFrequencies(n: number, f: number): number[] {
  const pos = Array.from({ length: Math.min(f, n) }, (_, i) => i);
  const neg = Array.from({ length: Math.max(0, Math.min(f - 1, n - f)) }, (_, i) => n - 1 - i).reverse();
  return [...pos, ...neg];
}

function basis(n: number, kept: number[]): [tf.Tensor2D, tf.Tensor2D] {
  const angle = (k: number, j: number) => (2 * Math.PI * k * j) / n;
  const rows = (fn: (a: number) => number) =>
    kept.map((k) => Array.from({ length: n }, (_, j) => fn(angle(k, j))));
  return [tf.tensor2d(rows(Math.cos)), tf.tensor2d(rows(Math.sin))];
}

/** M·T for each image T of a batch. */
function left(m: tf.Tensor2D, t: tf.Tensor): tf.Tensor {
  const batch = t.shape[0] as number;
  return tf.matMul(tf.broadcastTo(m, [batch, ...m.shape]), t);
}

/** MACs per image of the products above: analysis (4 + 4) and synthesis (4 + 4). */
function macSteps(n: number, k: number): Step[] {
  return [
    { name: 'analysis rows', type: 'MatMul', params: 0, macs: 2 * n * n * k },
    { name: 'analysis columns', type: 'MatMul', params: 0, macs: 4 * k * n * k },
    { name: 'synthesis rows', type: 'MatMul', params: 0, macs: 4 * k * k * n },
    { name: 'synthesis columns', type: 'MatMul', params: 0, macs: 4 * n * k * n },
  ];
}
