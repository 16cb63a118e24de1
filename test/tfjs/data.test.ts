import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawSplit, take, type Dataset } from '../../src/tfjs/data/dataset.js';
import { permutation } from '../../src/tfjs/data/prng.js';
import { splitSizes } from '../../src/tfjs/data/split-sizes.js';
import { findMnistFile, loadMnist } from '../../src/tfjs/io/mnist-file.js';
import { decodeMnist } from '../../src/tfjs/mnist/format.js';
import { mnistDataset } from '../../src/tfjs/mnist/to-dataset.js';

/** A file in the packed format: header, labels, pixels. */
function packed(labels: number[], pixels: number[], rows = 2, cols = 2, magic = 'CGMNIST1'): Uint8Array {
  const header = Buffer.alloc(16);
  header.write(magic, 0, 'latin1');
  header.writeUInt32LE(labels.length, 8);
  header.writeUInt8(rows, 12);
  header.writeUInt8(cols, 13);
  return new Uint8Array(Buffer.concat([header, Buffer.from(labels), Buffer.from(pixels)]));
}

describe('decodeMnist', () => {
  it('reads labels and pixels', () => {
    const raw = decodeMnist(packed([3, 7], [0, 1, 2, 3, 255, 254, 253, 252]));
    expect(raw).toMatchObject({ count: 2, rows: 2, cols: 2 });
    expect(Array.from(raw.labels)).toEqual([3, 7]);
    expect(Array.from(raw.pixels)).toEqual([0, 1, 2, 3, 255, 254, 253, 252]);
  });

  it.each([
    { name: 'bad magic', bytes: packed([1], [0, 0, 0, 0], 2, 2, 'NOTMNIST'), error: /bad header/ },
    { name: 'truncated', bytes: packed([1], [0, 0, 0]), error: /expected 21 for 1 2×2 digits/ },
    { name: 'label 10', bytes: packed([10], [0, 0, 0, 0]), error: /label outside 0-9/ },
    { name: 'empty', bytes: new Uint8Array(3), error: /bad header/ },
  ])('refuses $name', ({ bytes, error }) => {
    expect(() => decodeMnist(bytes)).toThrow(error);
  });

  it('mnistDataset scales pixels to 0-1 as [rows, cols, 1] images', () => {
    const d = mnistDataset(decodeMnist(packed([5], [0, 51, 255, 102])));
    expect(d).toMatchObject({ n: 1, shape: [2, 2, 1], yDim: 1, classes: 10 });
    expect(Array.from(d.x)).toEqual([0, 0.2, 1, 0.4].map(Math.fround));
    expect(Array.from(d.y)).toEqual([5]);
  });
});

describe('the shipped data/mnist-10k.bin.gz', () => {
  it('holds the mnist package digits: 10,000, every class, pixels using the full 0-255 range', () => {
    const raw = loadMnist();
    expect(raw).toMatchObject({ count: 10_000, rows: 28, cols: 28 });
    const perClass = Array.from({ length: 10 }, (_, c) => raw.labels.filter((l) => l === c).length);
    expect(perClass).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    expect(Math.max(...raw.pixels.subarray(0, 784 * 10))).toBe(255);
  });

  it('is what scripts/pack-mnist.mjs makes of the mnist package, byte for byte', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'cg-mnist-')), 'm.bin.gz');
    execFileSync(process.execPath, ['scripts/pack-mnist.mjs', '--out', out], { stdio: 'ignore' });
    expect(readFileSync(out).equals(readFileSync(findMnistFile()))).toBe(true);
  });
});

describe('seeded draw and split', () => {
  it.each([
    { samples: 3000, split: 0.2, train: 2400, test: 600 },
    { samples: 10, split: 0.25, train: 7, test: 3 },
    { samples: 10, split: 0.05, train: 9, test: 1 },
    { samples: 2, split: 0.5, train: 1, test: 1 },
  ])('$samples at $split: $train train, $test held out', ({ samples, split, train, test }) => {
    expect(splitSizes(samples, split)).toEqual({ train, test });
  });

  it('the same seed draws the same examples in the same order; another seed does not', () => {
    expect(Array.from(permutation(50, 3))).toEqual(Array.from(permutation(50, 3)));
    expect(Array.from(permutation(50, 3))).not.toEqual(Array.from(permutation(50, 4)));
    expect([...permutation(50, 3)].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('drawSplit: disjoint train and held-out sets of the stated sizes, drawn from all the data', () => {
    const s = drawSplit(10_000, 3000, 0.2, 42);
    expect([s.train.length, s.test.length]).toEqual([2400, 600]);
    expect(new Set([...s.train, ...s.test]).size).toBe(3000);
    expect(Math.max(...s.train)).toBeGreaterThan(9000);
    expect(Array.from(drawSplit(10_000, 3000, 0.2, 42).test)).toEqual(Array.from(s.test));
  });

  it('take copies the chosen examples and their labels', () => {
    const d: Dataset = {
      n: 3,
      shape: [2],
      x: Float32Array.from([0, 1, 2, 3, 4, 5]),
      y: Float32Array.from([7, 8, 9]),
      yDim: 1,
      classes: 10,
    };
    const t = take(d, [2, 0]);
    expect([t.n, Array.from(t.x), Array.from(t.y)]).toEqual([2, [4, 5, 0, 1], [9, 7]]);
  });
});
