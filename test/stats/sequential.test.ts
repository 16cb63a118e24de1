import { describe, expect, it } from 'vitest';
import { MIN_CI_SAMPLES, pairedRatio, percentiles } from '../../src/stats/bootstrap.js';
import { lookPlan, looks } from '../../src/stats/sequential.js';

describe('looks of adaptive pairs', () => {
  it.each([
    { min: 5, max: 20, at: [5, 7, 10, 14, 20], level: 0.99 },
    { min: 5, max: 5, at: [5], level: 0.95 },
    { min: 5, max: 3, at: [5], level: 0.95 },
    { min: 5, max: 6, at: [5, 6], level: 0.975 },
    { min: 7, max: 20, at: [7, 10, 14, 20], level: 0.9875 },
    { min: 10, max: 12, at: [10, 12], level: 0.975 },
    // Below MIN_CI_SAMPLES no interval: the next look is at 5, and only looks with an interval spend α.
    { min: 1, max: 20, at: [1, 5, 7, 10, 14, 20], level: 0.99 },
    { min: 3, max: 3, at: [3], level: 0.95 },
    { min: 3, max: 5, at: [3, 5], level: 0.95 },
  ])('min $min, max $max: looks at $at, each at level $level', ({ min, max, at, level }) => {
    expect(looks(min, max)).toEqual(at);
    expect(lookPlan(min, max)).toEqual({ looks: at, level });
  });

  it.each([
    [5, 20],
    [5, 100],
    [2, 1000],
    [20, 21],
  ])('min %i, max %i: increasing, ending at the cap, α spent within 5 % (union bound)', (min, max) => {
    const plan = lookPlan(min, max);
    expect(plan.looks.at(-1)).toBe(max);
    expect(plan.looks.every((n, i) => i === 0 || n > plan.looks[i - 1]!)).toBe(true);
    const spending = plan.looks.filter((n) => n >= MIN_CI_SAMPLES).length;
    // The sum over the looks of each one's chance to miss: at most the fixed gate's 5 %.
    expect(spending * (1 - plan.level)).toBeLessThanOrEqual(0.05 + 1e-12);
    expect(spending * (1 - plan.level)).toBeGreaterThan(0.05 - 1e-9);
  });
});

describe('bootstrap at a level', () => {
  it('the default level is 95 %; a higher one gives a wider interval holding the 95 % one', () => {
    const values = Array.from({ length: 201 }, (_, i) => i);
    expect(percentiles([...values])).toEqual([5, 195]);
    expect(percentiles([...values], 0.99)).toEqual([1, 199]);
    const head = [10.2, 10.9, 9.8, 10.4, 11.1, 10.0, 10.6];
    const base = [10, 10.1, 10, 10.3, 10.2, 9.9, 10.1];
    const at95 = pairedRatio(head, base);
    expect(pairedRatio(head, base, undefined, 0.95)).toEqual(at95);
    const at99 = pairedRatio(head, base, undefined, 0.99);
    expect(at99.ratio).toBe(at95.ratio);
    expect(at99.ci95![0]).toBeLessThanOrEqual(at95.ci95![0]);
    expect(at99.ci95![1]).toBeGreaterThanOrEqual(at95.ci95![1]);
    expect(at99.ci95![1] - at99.ci95![0]).toBeGreaterThan(at95.ci95![1] - at95.ci95![0]);
  });
});
