import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeBackend } from '../../src/tfjs/io/backends.js';
import * as tf from '../../src/tfjs/tf.js';
import { runner, saveModel } from './run-runner.js';

describe('dist/tfjs-runner.js', () => {
  it('the MLP on 3,000 digits for 2 epochs reaches ≥ 0.85 held-out accuracy on wasm, and says where the compute goes', async () => {
    const r = await runner({
      model: 'mlp',
      task: 'train',
      samples: 3000,
      epochs: 2,
      batchSize: 64,
      seed: 42,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.metrics).toMatchObject({
      model: 'mlp',
      task: 'train',
      backend: 'wasm',
      dataset: 'mnist',
      epochs: 2,
    });
    expect(r.metrics).toMatchObject({ trainSamples: 2400, testSamples: 600, params: 250_378, macs: 249_088 });
    expect(r.metrics['accuracy']).toBeGreaterThanOrEqual(0.85);
    expect(r.metrics['loss']).toBeLessThan(1);
    // Every layer, in model order, with its size.
    const layers = r.metrics['layers'] as { name: string; units: string }[];
    expect(layers.map((l) => l.name)).toEqual([
      'flatten',
      ...Array.from({ length: 10 }, (_, i) => `hidden${i + 1}`),
      'output',
    ]);
    expect(layers[0]).toMatchObject({ type: 'Flatten', macs: 0, units: '784' });
    expect(layers[1]).toMatchObject({ name: 'hidden1', type: 'Dense', macs: 100_352, units: '128' });
    expect(layers[11]).toMatchObject({ name: 'output', type: 'Dense', macs: 1_280, units: '10' });
    expect(r.stdout).toMatch(/^mlp train on wasm: .*accuracy 0\.\d+.*top layers by MACs: hidden1 40%/);
    expect(r.stderr).toContain('backend wasm (tensorflow: @tensorflow/tfjs-node is not installed)');
  });

  it('is deterministic: the same seed gives the same split, weights and figures', async () => {
    const args = { model: 'cnn', samples: 300, epochs: 1, seed: 5 };
    const [a, b] = [await runner(args), await runner(args)];
    const figures = (m: Record<string, unknown>) => ({ ...m, taskS: 0, taskCpuS: 0 });
    expect(a.code).toBe(0);
    expect(figures(a.metrics)).toEqual(figures(b.metrics));
  });

  it('a pinned backend that is not there: exit 2 and the reason in the metrics file', async () => {
    const r = await runner({ model: 'mlp', samples: 100, backend: 'tensorflow' });
    expect(r.code).toBe(2);
    expect(r.metrics['error']).toMatch(
      /^backend "tensorflow" is not available \(@tensorflow\/tfjs-node is not installed\); install/,
    );
    expect(r.stderr).toContain('carbon-gate tfjs: error: backend "tensorflow"');
  });

  it('the cpu backend can be pinned', async () => {
    const r = await runner({ model: 'knn', task: 'infer', samples: 200, backend: 'cpu' });
    expect([r.code, r.metrics['backend']]).toEqual([0, 'cpu']);
  });

  it.each([
    ['not JSON', '{model:', /not JSON/],
    ['schema', JSON.stringify({ model: 'knn', task: 'train' }), /tfjs: task: expected "infer" for model knn/],
  ])('bad arguments (%s): exit 2 with the reason', async (_, arg, error) => {
    const r = await runner(arg);
    expect(r.code).toBe(2);
    expect(r.metrics['error']).toMatch(error);
  });
});

describe('user models and data', () => {
  let dir: string;

  beforeAll(async () => {
    tf.enableProdMode();
    await probeBackend('cpu', process.cwd());
    dir = mkdtempSync(path.join(os.tmpdir(), 'cg-user-model-'));
    const m = tf.sequential();
    m.add(
      tf.layers.dense({
        inputShape: [4],
        units: 8,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
    );
    m.add(
      tf.layers.dense({
        units: 3,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
    );
    await saveModel(m, dir);
    // Three separable classes: the feature that is largest is the class.
    const rows = Array.from({ length: 60 }, (_, i) => {
      const c = i % 3;
      return [[0, 1, 2, 3].map((f) => (f === c ? 1 : 0) + ((i * 7 + f * 3) % 10) / 40), c] as const;
    });
    writeFileSync(
      path.join(dir, 'data.json'),
      JSON.stringify({ x: rows.map((r) => r[0]), y: rows.map((r) => r[1]) }),
    );
    writeFileSync(
      path.join(dir, 'data.csv'),
      ['a,b,c,d,label', ...rows.map(([x, y]) => [...x, y].join(','))].join('\n'),
    );
  });

  it('infer: a model.json on a JSON data file, scored because the data has labels', async () => {
    const r = await runner({
      model: path.join(dir, 'model.json'),
      task: 'infer',
      dataset: path.join(dir, 'data.json'),
      samples: 60,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.metrics).toMatchObject({
      model: 'model.json',
      dataset: 'data.json',
      inferences: 60,
      params: 67,
      macs: 56,
    });
    expect(r.metrics['accuracy']).toBeGreaterThanOrEqual(0);
  });

  it('train: with compile settings, on a CSV file, held-out accuracy reported', async () => {
    const compile = { optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', learningRate: 0.05 };
    const r = await runner({
      model: path.join(dir, 'model.json'),
      dataset: path.join(dir, 'data.csv'),
      samples: 60,
      epochs: 30,
      batchSize: 8,
      compile,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.metrics).toMatchObject({ trainSamples: 48, testSamples: 12, epochs: 30 });
    expect(r.metrics['accuracy']).toBeGreaterThan(0.6);
  });

  it('data that does not fit the model: exit 2 naming both shapes', async () => {
    writeFileSync(path.join(dir, 'wide.json'), JSON.stringify({ x: [[1, 2, 3, 4, 5]], y: [0] }));
    const r = await runner({
      model: path.join(dir, 'model.json'),
      task: 'infer',
      dataset: path.join(dir, 'wide.json'),
    });
    expect(r.code).toBe(2);
    expect(r.metrics['error']).toBe('the model takes examples of shape [4], the data has [5]');
  });

  it('a missing model file: exit 2', async () => {
    const r = await runner({ model: path.join(dir, 'nope.json'), task: 'infer' });
    expect([r.code, r.metrics['error']]).toEqual([2, `model file ${path.join(dir, 'nope.json')} not found`]);
  });
});
