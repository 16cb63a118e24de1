import { describe, expect, it } from 'vitest';
import { adaptiveGate, judgeLook, straddledLimit } from '../../src/gate/adaptive.js';
import { checkRegression, compare, mdeAt } from '../../src/gate/regression.js';
import type { Comparison, Tier } from '../../src/gate/types.js';
import { mulberry32 } from '../../src/stats/prng.js';

const tier: Tier = { warn: 0.05, fail: 0.1 };
const paired = { source: 'ab', method: 'paired' } as const;
const comparison = (ci95: [number, number] | null, pairs = 5): Comparison => ({
  metric: 'energy',
  base: 10,
  head: 10,
  ratio: ci95 ? (ci95[0] + ci95[1]) / 2 : 1,
  ci95,
  method: 'paired',
  pairs,
  baseline: 'ab',
});

describe('the decision at a look', () => {
  it.each([
    { ci: [0.97, 1.03], straddles: null },
    { ci: [1.12, 1.3], straddles: null }, // past both limits: a fail either way
    { ci: [1.06, 1.09], straddles: null }, // between them: a warn either way
    { ci: [0.98, 1.06], straddles: 'warn' },
    { ci: [1.06, 1.14], straddles: 'fail' },
    { ci: [0.9, 1.3], straddles: 'fail' }, // both: the fail limit is named
    { ci: [1.04, 1.08], straddles: 'warn' },
    { ci: [0.95, 1.049], straddles: null },
  ] as const)('interval $ci straddles $straddles', ({ ci, straddles }) => {
    expect(straddledLimit(ci, tier)?.name ?? null).toBe(straddles);
    expect(judgeLook(comparison([...ci]), tier).resolved).toBe(straddles === null);
  });

  it('says what it straddles, with the level; too few pairs are not resolved, no comparison is', () => {
    const c = { ...comparison([0.988, 1.063]), level: 0.99 };
    expect(judgeLook(c, tier)).toEqual({
      resolved: false,
      why: 'interval -1.2 % … +6.3 % (99 %) straddles the warn limit +5.0 %',
    });
    expect(judgeLook(comparison(null, 3), tier)).toEqual({
      resolved: false,
      why: '3 pairs are too few for an interval (need 5)',
    });
    expect(judgeLook(comparison(null, 7), tier).resolved).toBe(true);
    expect(judgeLook(undefined, tier).resolved).toBe(true);
    expect(judgeLook(comparison([0.9, 1.3]), {}).resolved).toBe(true);
  });
});

describe('compare at a level, and the smallest regression caught', () => {
  const head = [10.2, 10.9, 9.8, 10.4, 11.1, 10.0, 10.6];
  const base = [10, 10.1, 10, 10.3, 10.2, 9.9, 10.1];

  it('records a level other than 95 %, and the MDE at the fail limit (else warn)', () => {
    const at95 = compare('energy', head, base, paired, { tier })!;
    expect(at95.level).toBeUndefined();
    const at99 = compare('energy', head, base, paired, { level: 0.99, tier })!;
    expect(at99.level).toBe(0.99);
    expect(at99.ci95![0]).toBeLessThan(at95.ci95![0]);
    const h = 1 - at99.ci95![0] / at99.ratio;
    expect(at99.mde).toBeCloseTo(1.1 / (1 - h) - 1, 12);
    expect(at99.mde!).toBeGreaterThan(at95.mde!);
    expect(mdeAt(at99, { warn: 0.05 })).toBeCloseTo(1.05 / (1 - h) - 1, 12);
    expect(mdeAt(at99, {})).toBeNull();
    expect(mdeAt({ ratio: 1, ci95: null }, tier)).toBeNull();
    // Independent samples keep 95 %: adaptive pairs are paired only.
    expect(
      compare('energy', head, base, { source: 'file', method: 'independent' }, { level: 0.99 })!.level,
    ).toBeUndefined();
  });

  it('a narrow interval still gives the MDE, just above the limit; the reason names a level ≠ 95 %', () => {
    const c = compare('energy', [10, 10, 10, 10, 10], [10, 10, 10, 10, 10], paired, { tier, level: 0.99 })!;
    expect(c.mde).toBeCloseTo(0.1, 12);
    const check = checkRegression({ ...c, ratio: 1.2, ci95: [1.15, 1.25] }, tier, 5, 5);
    expect(check.status).toBe('fail');
    expect(check.reasons[0]).toMatch(
      /^energy \+20\.0 % \[\+15\.0, \+25\.0\] \(99 % interval\) vs base: lower bound/,
    );
  });
});

/** Pairs whose head ÷ base is lognormal around `ratio` with log-sd `sd`, seeded. */
function draw(ratio: number, sd: number, seed: number) {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return (): [number, number] => {
    const base = 100 * Math.exp(0.05 * normal());
    return [base * ratio * Math.exp(sd * normal()), base];
  };
}

describe('adaptiveGate (the evidence scripts’ simulation of one adaptive A/B)', () => {
  const bounds = { minPairs: 5, maxPairs: 20 };

  it('quiet A/A resolves at the first look; a clear regression fails there too', () => {
    expect(adaptiveGate(draw(1, 0.005, 1), tier, bounds)).toMatchObject({
      status: 'pass',
      adaptive: { pairs: 5, minPairs: 5, maxPairs: 20, level: 0.99, stop: 'resolved' },
    });
    const big = adaptiveGate(draw(1.3, 0.005, 2), tier, bounds);
    expect(big).toMatchObject({ status: 'fail', adaptive: { pairs: 5, stop: 'resolved' } });
    expect(big.comparison).toMatchObject({ level: 0.99, pairs: 5, method: 'paired' });
  });

  it('noise near a limit adds pairs; a regression on the limit runs to the cap', () => {
    const noisy = adaptiveGate(draw(1, 0.04, 3), tier, bounds);
    expect(noisy.adaptive.pairs).toBeGreaterThan(5);
    expect(noisy.status).toBe('pass');
    const onLimit = adaptiveGate(draw(1.1, 0.04, 4), tier, bounds);
    expect(onLimit.adaptive).toMatchObject({ pairs: 20, stop: 'max-repeat' });
  });

  it('without room to add pairs it is the fixed gate at 95 %', () => {
    const g = adaptiveGate(draw(1, 0.04, 5), tier, { minPairs: 5, maxPairs: 5 });
    expect(g.adaptive).toMatchObject({ pairs: 5, level: 0.95 });
    expect(g.comparison.level).toBeUndefined();
  });
});
