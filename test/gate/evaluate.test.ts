import { describe, expect, it } from 'vitest';
import { baselineFromReport, type GateBenchmark } from '../../src/gate/baseline.js';
import { evaluateGate } from '../../src/gate/evaluate.js';
import type { ResolvedBudget } from '../../src/gate/types.js';

const bench = (
  name: string,
  energies: number[],
  budget?: ResolvedBudget,
  extra: Partial<GateBenchmark> = {},
) => ({
  name,
  status: 'pass' as const,
  samples: energies.map((e) => ({ status: 'ok' as const, energyJ: e, co2eG: e / 1000, durationS: e / 10 })),
  ...(budget ? { budget } : {}),
  ...extra,
});

const five = (x: number) => [x * 0.99, x * 1.01, x, x * 1.02, x * 0.98];

describe('evaluateGate: budgets', () => {
  it.each([
    { energy: 30, status: 'pass', reason: undefined },
    { energy: 45, status: 'warn', reason: 'energy 45.0 J exceeds the warn limit 40.0 J (113 % of budget)' },
    { energy: 60, status: 'fail', reason: 'energy 60.0 J exceeds the fail limit 50.0 J (120 % of budget)' },
  ])('energy $energy J against warn 40 J / fail 50 J → $status', ({ energy, status, reason }) => {
    const r = evaluateGate([bench('a', [energy], { energyJ: { warn: 40, fail: 50 }, metric: 'energy' })], {
      baseline: null,
    });
    expect(r.benchmarks[0]!.status).toBe(status);
    expect(r.verdict.status).toBe(status);
    expect(r.benchmarks[0]!.reasons[0]).toBe(reason);
    expect(r.benchmarks[0]!.budgetUse).toEqual([
      { limit: 'energy.warn', observed: energy, limitValue: 40, percent: (energy / 40) * 100 },
      { limit: 'energy.fail', observed: energy, limitValue: 50, percent: (energy / 50) * 100 },
    ]);
    expect(r.verdict.baseline).toEqual({ source: 'none', note: 'no baseline: regression not checked' });
  });

  it('an outlier repeat does not move the verdict (medians)', () => {
    const r = evaluateGate([bench('a', [30, 31, 29, 30, 500], { energyJ: { fail: 50 }, metric: 'energy' })], {
      baseline: null,
    });
    expect(r.benchmarks[0]!.status).toBe('pass');
    expect(r.benchmarks[0]!.stats!.energyJ.median).toBe(30);
  });

  it('CO2e, per-unit and suite totals; only the fail tier given', () => {
    const budget: ResolvedBudget = {
      co2eG: { fail: 0.05 },
      perUnitCo2eG: { warn: 0.0001 },
      metric: 'energy',
    };
    const r = evaluateGate([bench('a', [30], budget, { perUnit: { count: 100 } })], {
      baseline: null,
      total: { energyJ: { fail: 20 } },
      totals: { energyJ: 30, co2eG: 0.03 },
    });
    expect(r.benchmarks[0]!.status).toBe('warn');
    expect(r.benchmarks[0]!.reasons).toEqual([
      'CO2e per unit 0.300 mg exceeds the warn limit 0.100 mg (300 % of budget)',
    ]);
    expect(r.verdict.status).toBe('fail');
    expect(r.verdict.reasons).toContain(
      'suite total: energy 30.0 J exceeds the fail limit 20.0 J (150 % of budget)',
    );
    expect(r.totalUse).toHaveLength(1);
  });

  it('a per-unit budget without a unit says so; an errored benchmark stays error (error > fail)', () => {
    const r = evaluateGate(
      [
        bench('a', [30], { perUnitCo2eG: { fail: 1 }, energyJ: { fail: 1 }, metric: 'energy' }),
        { ...bench('b', []), status: 'error' as const, reason: 'repeat 1/1: exited with code 1' },
      ],
      { baseline: null },
    );
    expect(r.benchmarks[0]!.reasons).toContain(
      'per-unit budget not checked: the benchmark declares no functional unit',
    );
    expect(r.benchmarks[1]).toMatchObject({ status: 'error', reasons: ['repeat 1/1: exited with code 1'] });
    expect(r.verdict.status).toBe('error');
  });
});

describe('evaluateGate: regressions', () => {
  const base = (energies: number[], method: 'paired' | 'independent') =>
    baselineFromReport(
      { benchmarks: [bench('a', energies)] },
      { source: method === 'paired' ? 'ab' : 'file', method },
    );

  it.each([
    { name: 'A/A, independent', head: five(100), method: 'independent', status: 'pass' },
    { name: '+25 %, independent', head: five(125), method: 'independent', status: 'fail' },
    { name: '+7 %, paired', head: five(100).map((x) => x * 1.07), method: 'paired', status: 'warn' },
    { name: '+25 %, paired', head: five(100).map((x) => x * 1.25), method: 'paired', status: 'fail' },
  ] as const)('$name → $status (default warn 5 % / fail 10 %)', ({ head, method, status }) => {
    const r = evaluateGate([bench('a', head)], { baseline: base(five(100), method) });
    const g = r.benchmarks[0]!;
    expect(g.status).toBe(status);
    expect(g.comparison).toMatchObject({
      metric: 'energy',
      method,
      baseline: method === 'paired' ? 'ab' : 'file',
    });
    if (status !== 'pass')
      expect(g.reasons[0]).toMatch(/^energy \+\d+\.\d % \[\+\d+\.\d, \+\d+\.\d\] vs base: lower bound/);
  });

  it('too few samples: the verdict says so instead of guessing', () => {
    const r = evaluateGate([bench('a', [130])], { baseline: base([100], 'independent') });
    expect(r.benchmarks[0]!.status).toBe('pass');
    expect(r.benchmarks[0]!.reasons[0]).toMatch(
      /too few samples for a 95 % interval \(head 1, base 1; need 5 each\)/,
    );
    expect(r.benchmarks[0]!.comparison!.ci95).toBeNull();
  });

  it('a benchmark missing from the baseline, and a selectable metric', () => {
    const budget: ResolvedBudget = { regression: { fail: 0.1 }, metric: 'duration' };
    const r = evaluateGate([bench('a', five(200), budget), bench('new', five(1))], {
      baseline: base(five(100), 'independent'),
    });
    expect(r.benchmarks[0]!.comparison!.metric).toBe('duration');
    expect(r.benchmarks[0]!.status).toBe('fail');
    expect(r.benchmarks[1]!.reasons).toEqual(['not in the baseline: regression not checked']);
  });
});

describe('evaluateGate: a pass the noise cannot vouch for', () => {
  const baseline = baselineFromReport(
    { benchmarks: [bench('a', [100, 100, 100, 100, 100])] },
    { source: 'ab', method: 'paired' },
  );
  const judge = (head: number[], regression?: ResolvedBudget['regression']) =>
    evaluateGate([bench('a', head, regression ? { regression, metric: 'energy' } : undefined)], { baseline })
      .benchmarks[0]!;
  // Per-pair ratios 0.80, 0.90, 1.00, 1.10, 1.20: estimate ≈ 1.0, interval reaching about 15 % below it.
  const noisy = [80, 90, 100, 110, 120];
  const NOTE =
    /^energy [+-]\d+\.\d % \[-\d+\.\d, \+\d+\.\d\] vs base: the interval reaches (\d+\.\d) % below the estimate, more than the (fail|warn) limit \+(\d+\.\d) %, so even a regression estimated at about \+(\d+\.\d) % would pass; more repeats or a longer benchmark narrow it$/;

  it.each([
    { name: 'tight pairs (±2 %)', head: five(100), tier: { fail: 0.1 }, level: null },
    { name: 'noisy pairs, fail 10 %', head: noisy, tier: { fail: 0.1 }, level: 'fail' },
    { name: 'noisy pairs, warn 5 % only', head: noisy, tier: { warn: 0.05 }, level: 'warn' },
    { name: 'noisy pairs, default tiers (judged on fail 10 %)', head: noisy, tier: undefined, level: 'fail' },
    {
      name: 'noisy pairs, a limit wider than the noise (fail 50 %)',
      head: noisy,
      tier: { fail: 0.5 },
      level: null,
    },
  ])('$name', ({ head, tier, level }) => {
    const g = judge(head, tier);
    expect(g.status).toBe('pass');
    if (level === null) expect(g.reasons).toEqual([]);
    else {
      expect(g.reasons).toHaveLength(1);
      expect(NOTE.exec(g.reasons[0]!)?.[2]).toBe(level);
    }
  });

  it('no note when a tier trips: the verdict already speaks', () => {
    const g = judge(noisy.map((x) => x * 1.6));
    expect(g.status).toBe('fail');
    expect(g.reasons).toEqual([expect.stringMatching(/lower bound .* exceeds the fail limit/)]);
  });

  it('the size it names puts the lower bound on the limit: a little less passes, a little more fails', () => {
    const g = judge(noisy, { fail: 0.1 });
    const named = Number(NOTE.exec(g.reasons[0]!)![4]) / 100;
    const scaledTo = (k: number) =>
      judge(
        noisy.map((x) => (x * k) / g.comparison!.ratio),
        { fail: 0.1 },
      );
    expect(scaledTo(1 + named).comparison!.ci95![0]).toBeCloseTo(1.1, 3);
    expect(scaledTo((1 + named) * 0.98).status).toBe('pass');
    expect(scaledTo((1 + named) * 1.02).status).toBe('fail');
  });
});

describe('evaluateGate: meter warnings', () => {
  const foreign = 'GPU 0 (H100) also ran pid 7 (python3, 20,480 MiB) during a: its energy includes that load';
  it.each([
    // Only warnings reach the verdict; the meter's other notes stay notices.
    { warnings: [], reasons: [] },
    { warnings: [foreign], reasons: [foreign] },
    // The same warning from several repeats is said once.
    { warnings: [foreign, foreign], reasons: [foreign] },
  ])('warnings $warnings → verdict reasons $reasons, status unchanged', ({ warnings, reasons }) => {
    const b = bench('a', five(10));
    const samples = b.samples.map((s, i) => ({
      ...s,
      notes: ['GPU 0 (H100): 5 of 40 power readings skipped ([N/A]); power is interpolated across them'],
      warnings: i < warnings.length ? [warnings[i]!] : [],
    }));
    const r = evaluateGate([{ ...b, samples }], { baseline: null });
    expect(r.verdict.status).toBe('pass');
    expect(r.verdict.reasons.filter((x) => !x.startsWith('no baseline'))).toEqual(reasons);
  });
});
