import { describe, expect, it } from 'vitest';
import { baselineFromReport, type GateBenchmark } from '../../src/gate/baseline.js';
import { evaluateGate } from '../../src/gate/evaluate.js';
import type { ResolvedBudget } from '../../src/gate/types.js';
import type { LayerCost } from '../../src/runner/metrics-file.js';

/** Issue 17 §1–§3 in the pure gate: metric limits, metric regressions, efficiency and the layer diff. */
const ENERGY = [100, 101, 99, 102, 98];

function bench(
  name: string,
  metrics: Record<string, number[]>,
  budget?: ResolvedBudget,
  energy: number[] = ENERGY,
  layers?: LayerCost[],
): GateBenchmark {
  return {
    name,
    status: 'pass',
    samples: energy.map((e, i) => ({
      status: 'ok' as const,
      energyJ: e,
      co2eG: e / 1000,
      durationS: e / 10,
      metrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, v[i]!])),
    })),
    ...(budget ? { budget } : {}),
    ...(layers ? { layers } : {}),
  };
}

const same = (x: number) => [x, x, x, x, x];
const budget = (metrics: ResolvedBudget['metrics'], extra: Partial<ResolvedBudget> = {}): ResolvedBudget => ({
  metric: 'energy',
  metrics,
  ...extra,
});
const paired = (base: GateBenchmark) =>
  baselineFromReport({ benchmarks: [base] }, { source: 'ab', ref: 'main', method: 'paired' });

describe('metric budgets: min and max on the median', () => {
  it.each([
    // [limit, status, reason]
    [{ min: { fail: 0.99 } }, 'fail', 'accuracy 0.875 is below the fail limit 0.990 (min)'],
    [{ min: { fail: 0.5 } }, 'pass', undefined],
    [{ min: { warn: 0.9, fail: 0.85 } }, 'warn', 'accuracy 0.875 is below the warn limit 0.900 (min)'],
    [{ max: { fail: 0.8 } }, 'fail', 'accuracy 0.875 exceeds the fail limit 0.800 (109 % of budget)'],
  ] as const)('%j → %s', (limit, status, reason) => {
    const r = evaluateGate([bench('mlp', { accuracy: same(0.875) }, budget({ accuracy: limit }))], {
      baseline: null,
    });
    expect(r.benchmarks[0]!.status).toBe(status);
    expect(r.benchmarks[0]!.reasons[0]).toBe(reason);
    expect(r.benchmarks[0]!.budgetUse?.some((u) => u.limit.startsWith('metrics.accuracy.'))).toBe(true);
  });

  it('the median, not one odd repeat, is judged', () => {
    const r = evaluateGate(
      [bench('mlp', { accuracy: [0.9, 0.9, 0.1, 0.9, 0.9] }, budget({ accuracy: { min: { fail: 0.85 } } }))],
      { baseline: null },
    );
    expect(r.benchmarks[0]!.status).toBe('pass');
  });

  it.each([
    ['never reported', { loss: same(0.3) }],
    ['not a number', { accuracy: same(0.9) }], // replaced by a string below
    ['missing in one repeat', { accuracy: [0.9, 0.9, 0.9, 0.9] }],
  ])('a limited metric %s is an error naming it', (what, metrics) => {
    const b = bench('mlp', metrics, budget({ accuracy: { min: { fail: 0.5 } } }));
    if (what === 'not a number') b.samples.forEach((s) => (s.metrics = { accuracy: 'high' }));
    const r = evaluateGate([b], { baseline: null });
    expect(r.benchmarks[0]!.status).toBe('error');
    expect(r.verdict.status).toBe('error');
    expect(r.benchmarks[0]!.reasons.join('\n')).toContain('metric accuracy: not reported');
  });
});

describe('limits at and below zero never write NaN or infinity', () => {
  it.each([
    [{ errors: { max: { fail: 0 } } }, { errors: same(0) }, 'pass', 0],
    [{ errors: { max: { fail: 0 } } }, { errors: same(2) }, 'fail', 101],
    [{ logLik: { min: { fail: -2 } } }, { logLik: same(-1) }, 'pass', 0],
    [{ logLik: { min: { fail: -2 } } }, { logLik: same(-3) }, 'fail', 101],
  ] as const)('%j with %j → %s', (limits, metrics, status, percent) => {
    const g = evaluateGate([bench('m', metrics, budget(limits))], { baseline: null }).benchmarks[0]!;
    expect(g.status).toBe(status);
    expect(g.budgetUse![0]!.percent).toBe(percent);
  });

  it('a relative drop from a baseline of 0 is not checked, and says why', () => {
    const g = evaluateGate(
      [bench('m', { acc: same(0) }, budget({ acc: { drop: { fail: 0.05, relative: true } } }))],
      { baseline: paired(bench('m', { acc: same(0) })) },
    ).benchmarks[0]!;
    expect(g.status).toBe('pass');
    expect(g.reasons[0]).toContain('needs a positive baseline value');
  });
});

describe('metric regressions against the baseline', () => {
  it('an accuracy drop fails at its tier while energy passes (paired A/B)', () => {
    const head = bench(
      'mlp',
      { accuracy: [0.85, 0.851, 0.849, 0.85, 0.852] },
      budget(
        { accuracy: { drop: { warn: 0.005, fail: 0.01, relative: false } } },
        { regression: { fail: 0.1 } },
      ),
    );
    const base = bench('mlp', { accuracy: [0.875, 0.874, 0.876, 0.875, 0.875] });
    const r = evaluateGate([head], { baseline: paired(base) });
    const g = r.benchmarks[0]!;
    expect(g.status).toBe('fail');
    expect(g.comparison!.metric).toBe('energy');
    expect(g.reasons).toHaveLength(1);
    expect(g.reasons[0]).toMatch(
      /^accuracy -0\.0250 \[-0\.02\d+, -0\.02\d+\] vs base: a drop of at least 0\.02\d+ exceeds the fail limit 0\.0100/,
    );
    expect(g.metricChanges![0]).toMatchObject({
      metric: 'accuracy',
      base: 0.875,
      head: 0.85,
      method: 'paired',
    });
  });

  it.each([
    // [head accuracy, tier, status]
    [0.87, { fail: 0.01, relative: false }, 'pass'], // −0.005: within 0.01
    [0.85, { fail: 0.05, relative: true }, 'pass'], // −2.9 %: within 5 %
    [0.8, { fail: 0.05, relative: true }, 'fail'], // −8.6 %
    [0.95, { fail: 0.01, relative: false }, 'pass'], // a rise is no drop
  ] as const)('accuracy 0.875 → %s, drop %j → %s', (acc, tier, status) => {
    const r = evaluateGate([bench('mlp', { accuracy: same(acc) }, budget({ accuracy: { drop: tier } }))], {
      baseline: paired(bench('mlp', { accuracy: same(0.875) })),
    });
    expect(r.benchmarks[0]!.status).toBe(status);
  });

  it('a rise in loss is judged like a drop in accuracy', () => {
    const r = evaluateGate(
      [bench('mlp', { loss: same(0.4) }, budget({ loss: { rise: { fail: 0.1, relative: true } } }))],
      { baseline: paired(bench('mlp', { loss: same(0.3) })) },
    );
    expect(r.benchmarks[0]!.status).toBe('fail');
    expect(r.benchmarks[0]!.reasons[0]).toContain(
      'loss +33.3 % [+33.3, +33.3] vs base: a rise of at least 33.3 %',
    );
  });

  it('without the metric in the baseline the drop is not checked, and says so', () => {
    const r = evaluateGate(
      [
        bench(
          'mlp',
          { accuracy: same(0.5) },
          budget({ accuracy: { drop: { fail: 0.01, relative: false } } }),
        ),
      ],
      { baseline: paired(bench('mlp', {})) },
    );
    expect(r.benchmarks[0]!.status).toBe('pass');
    expect(r.benchmarks[0]!.reasons).toEqual([
      'accuracy drop not checked: the baseline has no accuracy figures',
    ]);
  });

  it('too few repeats: no interval, not checked', () => {
    const r = evaluateGate(
      [
        bench(
          'mlp',
          { accuracy: [0.5] },
          budget({ accuracy: { drop: { fail: 0.01, relative: false } } }),
          [100],
        ),
      ],
      { baseline: paired(bench('mlp', { accuracy: [0.9] }, undefined, [100])) },
    );
    expect(r.benchmarks[0]!.status).toBe('pass');
    expect(r.benchmarks[0]!.reasons.join('\n')).toContain('too few samples for a 95 % interval');
  });
});

describe('efficiency: energy per unit of quality', () => {
  it('same energy, accuracy down a fifth: +25 % joules per accuracy unit fails the 10 % tier', () => {
    const head = bench(
      'mlp',
      { accuracy: same(0.7) },
      { metric: 'efficiency', quality: 'accuracy', regression: { fail: 0.1 } },
    );
    const r = evaluateGate([head], { baseline: paired(bench('mlp', { accuracy: same(0.875) })) });
    const g = r.benchmarks[0]!;
    expect(g.comparison!.metric).toBe('efficiency');
    expect(g.comparison!.ratio).toBeCloseTo(1.25, 6);
    expect(g.status).toBe('fail');
    expect(g.reasons[0]).toMatch(/^energy per quality \+25\.0 %/);
  });

  it.each([
    ['not reported by the head', {}, 'error', 'quality metric accuracy: not reported by the benchmark'],
    ['0 in the head', { accuracy: same(0) }, 'fail', 'quality metric accuracy is 0 in a repeat'],
  ])('a quality %s cannot switch the efficiency gate off', (_, metrics, status, reason) => {
    const head = bench('mlp', metrics, {
      metric: 'efficiency',
      quality: 'accuracy',
      regression: { fail: 0.1 },
    });
    for (const baseline of [paired(bench('mlp', { accuracy: same(0.9) })), null]) {
      const g = evaluateGate([head], { baseline }).benchmarks[0]!;
      expect(g.status).toBe(status);
      expect(g.reasons[0]).toContain(reason);
    }
  });

  it('the head’s quality metric is used on both sides; missing on one side: not checked, named', () => {
    const head = bench(
      'gan',
      { psnrDb: same(20) },
      { metric: 'efficiency', quality: 'psnrDb', regression: { fail: 0.1 } },
    );
    const r = evaluateGate([head], { baseline: paired(bench('gan', { accuracy: same(0.9) })) });
    expect(r.benchmarks[0]!.status).toBe('pass');
    expect(r.benchmarks[0]!.reasons[0]).toBe(
      'energy per quality: regression not checked: needs psnrDb > 0 reported in every successful repeat of the baseline',
    );
  });
});

describe('metric changes and the layer diff beside a comparison', () => {
  const layer = (name: string, units: string, macs: number): LayerCost => ({
    name,
    type: 'Dense',
    params: macs,
    macs,
    share: 0,
    units,
  });

  it('lists every metric both sides reported, largest relative move first', () => {
    const head = bench('m', { accuracy: same(0.9), loss: same(0.6), epochs: same(2) });
    const base = bench('m', { accuracy: same(0.91), loss: same(0.3), epochs: same(2) });
    const g = evaluateGate([head], { baseline: paired(base) }).benchmarks[0]!;
    expect(g.metricChanges!.map((c) => c.metric)).toEqual(['loss', 'accuracy']);
    expect(g.metricChanges![0]!.change).toBeCloseTo(0.3, 9);
  });

  it('a Dense layer added in the head shows in the diff; none without layers on both sides', () => {
    const baseLayers = [layer('dense_Dense1', '128', 100_352), layer('dense_Dense2', '10', 1280)];
    const headLayers = [
      layer('dense_Dense1', '128', 100_352),
      layer('dense_Dense2', '512', 65_536),
      layer('dense_Dense3', '10', 5120),
    ];
    const head = bench('m', {}, undefined, ENERGY, headLayers);
    const base = bench('m', {}, undefined, ENERGY, baseLayers);
    const g = evaluateGate([head], { baseline: paired(base) }).benchmarks[0]!;
    expect(g.layerDiff!.changes.map((c) => c.kind)).toContain('added');
    expect(g.layerDiff!.headMacs).toBe(100_352 + 65_536 + 5120);
    const none = evaluateGate([head], { baseline: paired(bench('m', {})) }).benchmarks[0]!;
    expect(none.layerDiff).toBeUndefined();
    // A report from before every layer was listed (top layers by MACs, no units): no diff, never a guess.
    const old = baseLayers.map(({ units: _u, ...l }) => l);
    const fromOld = evaluateGate([head], { baseline: paired(bench('m', {}, undefined, ENERGY, old)) });
    expect(fromOld.benchmarks[0]!.layerDiff).toBeUndefined();
  });
});
