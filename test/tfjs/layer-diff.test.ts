import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffLayers, layerDiffLines } from '../../src/report/layer-diff.js';
import { parseMetricsFile } from '../../src/runner/metrics-file.js';
import { probeBackend } from '../../src/tfjs/io/backends.js';
import * as tf from '../../src/tfjs/tf.js';
import { runner, saveModel } from './run-runner.js';

/** A user's model.json of dense layers on 4 features: hidden sizes, then 3 classes; TF.js names the layers. */
async function saveDense(dir: string, hidden: number[]): Promise<string> {
  mkdirSync(dir);
  const m = tf.sequential();
  hidden.forEach((units, i) =>
    m.add(tf.layers.dense({ units, activation: 'relu', ...(i === 0 ? { inputShape: [4] } : {}) })),
  );
  m.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  const file = await saveModel(m, dir);
  m.dispose();
  return file;
}

describe('the runner lists every layer of a user model; the diff of two versions names what changed', () => {
  let dir: string;
  let [base, head] = ['', ''];

  beforeAll(async () => {
    tf.enableProdMode();
    await probeBackend('cpu', process.cwd());
    dir = mkdtempSync(path.join(os.tmpdir(), 'cg-layer-diff-'));
    base = await saveDense(path.join(dir, 'base'), [8]);
    head = await saveDense(path.join(dir, 'head'), [8, 16]);
    const x = Array.from({ length: 20 }, (_, i) => [0, 1, 2, 3].map((f) => ((i + f) % 5) / 5));
    writeFileSync(path.join(dir, 'data.json'), JSON.stringify({ x, y: x.map((_, i) => i % 3) }));
  });

  it('2 Dense layers vs 3 on wasm, task infer: every layer in order with its units; the diff says +1 Dense', async () => {
    const run = (model: string) =>
      runner({ model, task: 'infer', dataset: path.join(dir, 'data.json'), samples: 20, backend: 'wasm' });
    const [a, b] = [await run(base), await run(head)];
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    // The file as carbon-gate reads it back.
    const layersOf = (r: { metrics: Record<string, unknown> }) =>
      parseMetricsFile(JSON.stringify(r.metrics)).layers ?? [];
    const [baseLayers, headLayers] = [layersOf(a), layersOf(b)];
    const shape = (l: { type: string; units?: string; macs: number }) => [l.type, l.units, l.macs];
    // 4·8, 8·3; then 4·8, 8·16, 16·3.
    expect(baseLayers.map(shape)).toEqual([
      ['Dense', '8', 32],
      ['Dense', '3', 24],
    ]);
    expect(headLayers.map(shape)).toEqual([
      ['Dense', '8', 32],
      ['Dense', '16', 128],
      ['Dense', '3', 48],
    ]);
    expect([a.metrics['macs'], b.metrics['macs']]).toEqual([56, 208]);

    const d = diffLayers(baseLayers, headLayers);
    expect(d).toMatchObject({ baseMacs: 56, headMacs: 208, more: 0 });
    expect(d?.changes.map((c) => [c.kind, c.type, c.from, c.to, c.macsDelta])).toEqual([
      ['added', 'Dense', undefined, '16', 128],
      ['resized', 'Dense', '3', '3', 24],
    ]);
    expect(layerDiffLines(d!)[0]).toBe('+1 Dense (16), ~1 Dense (3): MACs +271.4 %');
  });
});
