import { describe, expect, it } from 'vitest';
import { curvePoints, wattsAt } from '../../src/power-profile/curve.js';

const profile = {
  idleW: 10,
  loadW: [
    { utilisation: 0.1, watts: 20 },
    { utilisation: 0.5, watts: 40 },
    { utilisation: 0.9, watts: 50 },
  ],
};

describe('wattsAt: piecewise-linear over the profile, idle at 0', () => {
  const points = curvePoints(profile);
  it.each([
    [0, 10],
    [0.05, 15],
    [0.1, 20],
    [0.3, 30],
    [0.5, 40],
    [0.7, 45],
    [0.9, 50],
    // Flat past the last point, clamped outside 0..1.
    [1, 50],
    [1.5, 50],
    [-1, 10],
    [Number.NaN, 10],
  ])('u = %s → %s W', (u, watts) => {
    expect(wattsAt(points, u)).toBeCloseTo(watts, 9);
  });

  it('a load point at 0 is the idle point, not a second one', () => {
    expect(
      curvePoints({
        idleW: 5,
        loadW: [
          { utilisation: 0, watts: 5 },
          { utilisation: 1, watts: 9 },
        ],
      }),
    ).toEqual([
      { utilisation: 0, watts: 5 },
      { utilisation: 1, watts: 9 },
    ]);
  });
});
