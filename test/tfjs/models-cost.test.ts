import { beforeAll, describe, expect, it } from 'vitest';
import { costTable } from '../../src/tfjs/cost/cost-table.js';
import { describeLayers } from '../../src/tfjs/cost/describe-model.js';
import { seedStream } from '../../src/tfjs/data/dataset.js';
import { probeBackend } from '../../src/tfjs/io/backends.js';
import { buildCnn, buildGru, buildMlp } from '../../src/tfjs/models/classifiers.js';
import { buildDiscriminator, buildGenerator } from '../../src/tfjs/models/dcgan.js';
import * as tf from '../../src/tfjs/tf.js';

beforeAll(async () => {
  tf.enableProdMode();
  expect(await probeBackend('cpu', process.cwd())).toEqual({ ok: true });
});

const shape = () => ({ input: [28, 28, 1], classes: 10, seed: seedStream(42) });

// MACs per digit, forward pass, worked out by hand from the architectures.
const models = [
  // 784·128 + 9 · 128·128 + 128·10
  { name: 'mlp', build: () => [buildMlp(shape())], macs: 100_352 + 9 * 16_384 + 1_280 },
  // conv1 26²·16·9, conv2 11²·32·(9·16), conv3 3²·32·(9·32), dense 288·64, output 64·10
  { name: 'cnn', build: () => [buildCnn(shape())], macs: 97_344 + 557_568 + 82_944 + 18_432 + 640 },
  // 28 steps × 3 gates × (28·128 + 128²), then × (128² + 128²), output 128·10
  {
    name: 'gru',
    build: () => [buildGru(shape())],
    macs: 28 * 3 * (3_584 + 16_384) + 28 * 3 * 32_768 + 1_280,
  },
  // generator: 32·1568, 7²·32·(16·16), 14²·16·(16·1); discriminator: 14²·(16·1)·16, 7²·(16·16)·32, 1568
  {
    name: 'dcgan',
    build: () => [buildGenerator(seedStream(1)), buildDiscriminator(seedStream(2))],
    macs: 50_176 + 401_408 + 50_176 + 50_176 + 401_408 + 1_568,
  },
];

describe('the built-in models: counted against hand-computed MACs and TF.js own parameter count', () => {
  it.each(models)('$name', ({ build, macs }) => {
    const built = build();
    const t = costTable(built.flatMap(describeLayers));
    expect(t.macs).toBe(macs);
    expect(t.params).toBe(built.reduce((sum, m) => sum + m.countParams(), 0));
    expect(t.uncounted).toEqual([]);
    // Shares are rounded to 4 decimals; every layer is listed, in model order.
    expect(t.layers.reduce((s, l) => s + l.share, 0)).toBeCloseTo(1, 3);
    expect(t.layers.map((l) => l.name)).toEqual(built.flatMap((m) => m.layers.map((l) => l.name)));
    expect(t.layers.every((l) => l.units)).toBe(true);
    built.forEach((m) => m.dispose());
  });

  it('seeded initial weights: the same seed builds the same model, another seed another', () => {
    const weights = (seed: number) => {
      const m = buildMlp({ ...shape(), seed: seedStream(seed) });
      const w = Array.from(m.getWeights()[0]!.dataSync().slice(0, 16));
      m.dispose();
      return w;
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
  });
});
