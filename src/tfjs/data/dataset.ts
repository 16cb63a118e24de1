import { mulberry32 } from '../../stats/prng.js';
import { permutation } from './prng.js';
import { splitSizes } from './split-sizes.js';

/**
 * Examples in memory: `x` row-major with `shape` per example (MNIST: [28, 28, 1], 0-1 floats);
 * `y` has `yDim` numbers per example — one class id when `classes` is set.
 */
export interface Dataset {
  n: number;
  shape: number[];
  x: Float32Array;
  y: Float32Array;
  yDim: number;
  classes?: number;
}

export const featureCount = (d: Pick<Dataset, 'shape'>) => d.shape.reduce((a, b) => a * b, 1);

/** The examples at `indices`, in that order. */
export function take(d: Dataset, indices: ArrayLike<number>): Dataset {
  const f = featureCount(d);
  const x = new Float32Array(indices.length * f);
  const y = new Float32Array(indices.length * d.yDim);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i] as number;
    x.set(d.x.subarray(k * f, (k + 1) * f), i * f);
    y.set(d.y.subarray(k * d.yDim, (k + 1) * d.yDim), i * d.yDim);
  }
  return { ...d, n: indices.length, x, y };
}

/**
 * Draws `samples` of `total` examples with the seed and splits them: the first ones train, the last
 * `testSplit` share is held out. Same seed, same draw and split.
 */
export function drawSplit(total: number, samples: number, testSplit: number, seed: number) {
  const drawn = permutation(total, seed).subarray(0, Math.min(samples, total));
  const { train } = splitSizes(drawn.length, testSplit);
  return { train: drawn.subarray(0, train), test: drawn.subarray(train) };
}

/** Seeds derived from the config's seed, so layers and steps get distinct but fixed streams. */
export function seedStream(seed: number): () => number {
  const rand = mulberry32(seed ^ 0x9e3779b9);
  return () => Math.floor(rand() * 2 ** 31);
}
