import { describe, expect, it } from 'vitest';
import { teadsFractionOfTdp } from '../../src/meter/teads.js';

describe('teadsFractionOfTdp', () => {
  it.each([
    [0, 0.12],
    [0.1, 0.32],
    [0.5, 0.75],
    [1, 1.02],
    [0.05, 0.22],
    [0.3, 0.535],
    [0.75, 0.885],
    [-0.2, 0.12],
    [1.7, 1.02],
    [Number.NaN, 0.12],
  ])('u=%s → %s × TDP', (u, expected) => {
    expect(teadsFractionOfTdp(u)).toBeCloseTo(expected, 10);
  });
});
