import { describe, expect, it } from 'vitest';
import { independentRatio, medianCi, MIN_CI_SAMPLES, pairedRatio } from '../../src/stats/bootstrap.js';
import { hodgesLehmann, hodgesLehmannShift } from '../../src/stats/hodges-lehmann.js';
import { mulberry32 } from '../../src/stats/prng.js';

describe('statistics', () => {
  it('the PRNG is seeded and deterministic', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it.each([
    { xs: [1, 2, 3], hl: 2 },
    { xs: [0, 0, 0, 0, 100], hl: 0 },
    { xs: [], hl: null },
  ])('Hodges–Lehmann of $xs is $hl (an outlier does not move it)', ({ xs, hl }) => {
    expect(hodgesLehmann(xs)).toBe(hl);
  });

  it('two-sample Hodges–Lehmann shift', () => {
    expect(hodgesLehmannShift([11, 12, 13], [1, 2, 3])).toBe(10);
  });

  it.each([
    { n: MIN_CI_SAMPLES - 1, ci: false },
    { n: MIN_CI_SAMPLES, ci: true },
  ])('an interval needs $n ≥ 5 samples ($ci)', ({ n, ci }) => {
    const xs = Array.from({ length: n }, (_, i) => 10 + i);
    expect(medianCi(xs) !== null).toBe(ci);
    expect(pairedRatio(xs, xs).ci95 !== null).toBe(ci);
    expect(independentRatio(xs, xs).ci95 !== null).toBe(ci);
  });

  it('the median interval lies within the sample range and holds the median; same input, same interval', () => {
    const xs = [10, 11, 9.5, 10.4, 12, 10.1, 9.8];
    const ci = medianCi(xs)!;
    expect(ci[0]).toBeGreaterThanOrEqual(9.5);
    expect(ci[1]).toBeLessThanOrEqual(12);
    expect(ci[0]).toBeLessThanOrEqual(10.1);
    expect(ci[1]).toBeGreaterThanOrEqual(10.1);
    expect(medianCi(xs)).toEqual(ci);
  });

  it.each([
    { name: 'identical', f: 1, lo: 1, hi: 1 },
    { name: '+25 % with noise', f: 1.25, lo: 1.15, hi: 1.35 },
  ])('paired ratio: $name', ({ f, lo, hi }) => {
    const base = [10, 10.5, 9.7, 10.2, 10.9];
    const noise = f === 1 ? [1, 1, 1, 1, 1] : [1.02, 0.98, 1.01, 0.99, 1.03];
    const head = base.map((b, i) => b * f * noise[i]!);
    const r = pairedRatio(head, base);
    expect(r.pairs).toBe(5);
    expect(r.ratio!).toBeGreaterThanOrEqual(lo);
    expect(r.ratio!).toBeLessThanOrEqual(hi);
    expect(r.ci95![0]).toBeLessThanOrEqual(r.ratio!);
    expect(r.ci95![1]).toBeGreaterThanOrEqual(r.ratio!);
  });

  it('paired ratios cancel drift that independent samples cannot', () => {
    // The machine slows down run after run; head is exactly 3 % above its neighbour every time.
    const base = [10, 11, 12, 13, 14];
    const head = base.map((b) => b * 1.03);
    const paired = pairedRatio(head, base);
    const independent = independentRatio(head, base);
    expect(paired.ci95![0]).toBeCloseTo(1.03, 6);
    expect(independent.ci95![0]).toBeLessThan(0.95);
  });
});
