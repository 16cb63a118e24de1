import { describe, expect, it } from 'vitest';
import { gridSearch } from '../../src/power-model/grid-cv.js';
import type { Example } from '../../src/power-model/model.js';
import { nestedCv } from '../../src/power-model/nested-cv.js';
import { assignFolds } from '../../src/power-model/prng.js';
import type { Hyper, ResolvedMachine } from '../../src/power-model/types.js';

// Synthetic servers: power is a known function of two features, with a per-"CPU" offset.
function examples(n: number): Example[] {
  return Array.from({ length: n }, (_, i) => {
    const a = Math.sin(i * 1.7);
    const b = Math.cos(i * 0.9);
    const key = `cpu${i % 7}`;
    const offset = (i % 7) * 0.03;
    const watts = Array.from({ length: 11 }, (_, c) => Math.exp(4 + 0.3 * a - 0.2 * b + 0.08 * c + offset));
    const machine = { key, vendor: i % 2 ? 'dell' : 'hp' } as ResolvedMachine;
    return { machine, x: [a, b, 0, 0, 0, 0, 0, 0], watts };
  });
}
const grid: Hyper[] = [
  { lambda: 1e-6, k: 3, bandwidth: 1, namePenalty: 3, vendorPenalty: 0 },
  { lambda: 1e3, k: 3, bandwidth: 1, namePenalty: 3, vendorPenalty: 0 },
];

describe('cross-validation', () => {
  it('the grid search prefers the configuration that fits', () => {
    const ex = examples(60);
    const rows = ex.map((_, i) => i);
    const { scores, best } = gridSearch(ex, rows, assignFolds(60, 5, 1), grid);
    expect(best).toBe(0);
    expect(scores[0]!).toBeLessThan(scores[1]!);
  });

  it('nested CV predicts every server out of fold, deterministically', () => {
    const ex = examples(60);
    const opts = { innerFolds: 3, innerSeed: 5, bandQuantiles: [0.1, 0.9] as const };
    const a = nestedCv(ex, assignFolds(60, 5, 2), grid, opts);
    const b = nestedCv(ex, assignFolds(60, 5, 2), grid, opts);
    expect(a).toEqual(b);
    expect(a.predictions.every((p) => p.length === 11)).toBe(true);
    expect(a.chosen).toHaveLength(5);
    expect(a.mapePct).toBeLessThan(5);
  });

  it('a held-out server cannot influence its own prediction', () => {
    const ex = examples(60);
    const folds = assignFolds(60, 5, 2);
    const opts = { innerFolds: 3, innerSeed: 5, bandQuantiles: [0.1, 0.9] as const };
    const base = nestedCv(ex, folds, grid, opts);
    const poisoned = ex.map((e, i) => (i === 0 ? { ...e, watts: e.watts.map((w) => w * 100) } : e));
    expect(nestedCv(poisoned, folds, grid, opts).predictions[0]).toEqual(base.predictions[0]);
  });
});
