import { describe, expect, it } from 'vitest';
import { ccf, codecarbon, greenAlgorithms, teads } from '../../src/power-model/formulas.js';
import type { ResolvedMachine } from '../../src/power-model/types.js';

const machine = (m: Partial<ResolvedMachine>): ResolvedMachine => ({
  key: 'x',
  make: 'intel',
  architecture: 'skylake',
  family: 'other',
  vendor: null,
  lowPower: false,
  year: 2018,
  sockets: 2,
  cores: 40,
  threads: 80,
  tdpWPerSocket: 100,
  memoryGb: 100,
  basis: [],
  ...m,
});

describe('published formulas at idle, 50 % and 100 %', () => {
  it.each([
    ['Teads', teads, [0.12 * 200, 0.75 * 200, 1.02 * 200]],
    ['Green Algorithms', greenAlgorithms, [37.25, 100 + 37.25, 200 + 37.25]],
    ['CodeCarbon', codecarbon, [20 + 37.5, 200 * (0.1 + 0.9 * 0.125) + 37.5, 200 + 37.5]],
    ['CCF (Skylake)', ccf, [80 * 0.65 + 39.2, 80 * (0.65 + 0.5 * (4.26 - 0.65)) + 39.2, 80 * 4.26 + 39.2]],
  ] as const)('%s', (_name, f, expected) => {
    const w = f(machine({}));
    expect(w).toHaveLength(11);
    [w[0]!, w[5]!, w[10]!].forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 9));
  });

  it("CCF falls back to its average for architectures it doesn't list", () => {
    const w = ccf(machine({ architecture: 'nehalem', memoryGb: 0 }));
    expect(w[0]).toBeCloseTo(80 * 0.74, 9);
    expect(w[10]).toBeCloseTo(80 * 3.5, 9);
  });
});
