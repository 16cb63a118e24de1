import { describe, expect, it } from 'vitest';
import { probeBackend } from '../../src/tfjs/io/backends.js';
import * as tf from '../../src/tfjs/tf.js';

/** Runs `fn` on each backend and returns its values, so wasm can be compared with the reference cpu. */
async function onBackends(fn: () => tf.Tensor | tf.Tensor[]): Promise<Record<'cpu' | 'wasm', number[][]>> {
  const out = { cpu: [] as number[][], wasm: [] as number[][] };
  for (const b of ['cpu', 'wasm'] as const) {
    expect(await probeBackend(b, process.cwd())).toEqual({ ok: true });
    const r = tf.tidy(fn);
    out[b] = (Array.isArray(r) ? r : [r]).map((t) => Array.from(t.dataSync()));
    tf.dispose(r);
  }
  return out;
}

const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - (b[i]?.[j] ?? NaN)))));

tf.enableProdMode();

describe('wasm kernels carbon-gate adds or wraps', () => {
  // [x shape, filter shape, stride, padding]: the shapes of the built-in CNN and DCGAN and a few edges.
  type Shape4 = [number, number, number, number];
  const convs: [Shape4, Shape4, number, 'valid' | 'same'][] = [
    [[2, 9, 9, 3], [3, 3, 3, 4], 1, 'valid'],
    [[2, 9, 9, 3], [3, 3, 3, 4], 2, 'valid'],
    [[2, 9, 9, 3], [4, 4, 3, 4], 2, 'same'],
    [[3, 8, 8, 2], [5, 5, 2, 3], 1, 'same'],
    [[4, 28, 28, 1], [4, 4, 1, 16], 2, 'same'],
  ];
  it.each(convs)(
    'Conv2D filter gradient on wasm matches cpu: x %j, filter %j, stride %i, %s',
    async (xs, fs, s, pad) => {
      const r = await onBackends(() => {
        const x = tf.randomNormal(xs, 0, 1, 'float32', 1) as tf.Tensor4D;
        const w = tf.randomNormal(fs, 0, 1, 'float32', 2) as tf.Tensor4D;
        const dy = tf.randomNormal(tf.conv2d(x, w, s, pad).shape, 0, 1, 'float32', 3);
        return tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, s, pad), dy)),
        )([x, w]);
      });
      expect(maxDiff(r.cpu, r.wasm)).toBeLessThan(1e-3);
    },
  );

  it('conv2dTranspose (the DCGAN generator) trains on wasm and matches cpu', async () => {
    const r = await onBackends(() => {
      const x = tf.randomNormal([2, 7, 7, 8], 0, 1, 'float32', 1) as tf.Tensor4D;
      const w = tf.randomNormal([4, 4, 3, 8], 0, 1, 'float32', 2) as tf.Tensor4D;
      return tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [2, 14, 14, 3], 2, 'same'))),
      )([x, w]);
    });
    expect(maxDiff(r.cpu, r.wasm)).toBeLessThan(1e-2);
  });

  it.each([
    [false, true],
    [true, false],
    [true, true],
  ])('matMul transposeA=%s transposeB=%s on wasm matches cpu, plain, batched and fused', async (ta, tb) => {
    const r = await onBackends(() => {
      const [a, b] = [
        tf.randomNormal(ta ? [5, 4] : [4, 5], 0, 1, 'float32', 1),
        tf.randomNormal(tb ? [6, 5] : [5, 6], 0, 1, 'float32', 2),
      ];
      const [a3, b3] = [
        tf.randomNormal(ta ? [3, 5, 4] : [3, 4, 5], 0, 1, 'float32', 4),
        tf.randomNormal(tb ? [3, 6, 5] : [3, 5, 6], 0, 1, 'float32', 5),
      ];
      const bias = tf.randomNormal([6], 0, 1, 'float32', 3);
      // Fused on 2-D operands only: that is what dense layers run (TF.js's batched fused matMul disagrees
      // between cpu and wasm with or without carbon-gate's wrapper).
      return [
        tf.matMul(a, b, ta, tb),
        tf.matMul(a3, b3, ta, tb),
        tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias, activation: 'relu' }),
      ];
    });
    expect(maxDiff(r.cpu, r.wasm)).toBeLessThan(1e-4);
  });

  it('the added kernels leak no wasm memory', async () => {
    await probeBackend('wasm', process.cwd());
    const step = () =>
      tf.tidy(() => {
        const x = tf.randomNormal([2, 9, 9, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
        const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')),
        )([x, w]);
        return tf.add(
          tf.sum(g[1]!),
          tf.sum(tf.matMul(tf.reshape(w, [27, 4]), tf.reshape(w, [27, 4]), true, false)),
        );
      });
    step().dispose();
    const before = tf.memory().numBytes;
    for (let i = 0; i < 5; i++) step().dispose();
    expect(tf.memory().numBytes).toBe(before);
  });
});
