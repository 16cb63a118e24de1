import { describe, expect, it } from 'vitest';
import { co2eGrams } from '../../src/carbon/footprint.js';

describe('co2eGrams', () => {
  it.each([
    [3_600_000, 1, 475, 475],
    [3_600_000, 1.2, 100, 120],
    [360, 1, 500, 0.05],
    [0, 1.5, 700, 0],
  ])('%d J × PUE %d × %d g/kWh = %d g', (j, pue, i, g) => {
    expect(co2eGrams(j, pue, i)).toBeCloseTo(g, 9);
  });
});
