import { describe, expect, it } from 'vitest';
import {
  dominates,
  frontierOf,
  paretoChart,
  paretoPoints,
  type ParetoInput,
} from '../../src/report/pareto.js';
import { parseReport } from '../../src/report/view-schema.js';
import { fullReport } from './full-report.js';

const bench = (name: string, energyJ: number | null, quality: number, metric = 'accuracy') => ({
  name,
  status: 'pass',
  energyJ,
  efficiency: {
    metric,
    quality,
    perKj: energyJ ? quality / (energyJ / 1000) : 0,
    jPerQuality: energyJ ? energyJ / quality : 0,
  },
});

const frontierNames = (input: ParetoInput) =>
  paretoPoints(input)
    .points.filter((p) => p.frontier)
    .map((p) => p.name);

describe('paretoPoints: the frontier', () => {
  it.each([
    {
      case: 'the reference suite: knn is cheapest, cnn most accurate; mlp and gru are beaten',
      points: [
        ['mlp-train', 15.9, 0.875],
        ['cnn-train', 59.4, 0.923],
        ['gru-train', 165, 0.743],
        ['knn-classify', 3.9, 0.905],
      ],
      frontier: ['cnn-train', 'knn-classify'],
    },
    { case: 'one point is its own frontier', points: [['only', 10, 0.5]], frontier: ['only'] },
    {
      case: 'equal points: neither beats the other, both on the frontier',
      points: [
        ['a', 10, 0.9],
        ['b', 10, 0.9],
      ],
      frontier: ['a', 'b'],
    },
    {
      case: 'same energy: the higher quality wins',
      points: [
        ['a', 10, 0.8],
        ['b', 10, 0.9],
      ],
      frontier: ['b'],
    },
    {
      case: 'same quality: the lower energy wins',
      points: [
        ['a', 12, 0.9],
        ['b', 10, 0.9],
      ],
      frontier: ['b'],
    },
    {
      case: 'a staircase: every point trades energy for quality',
      points: [
        ['a', 1, 0.1],
        ['b', 2, 0.2],
        ['c', 4, 0.3],
      ],
      frontier: ['a', 'b', 'c'],
    },
    {
      case: 'one point beats all others on both',
      points: [
        ['a', 5, 0.5],
        ['best', 1, 0.99],
        ['c', 3, 0.7],
      ],
      frontier: ['best'],
    },
    {
      case: 'a tie on the frontier with a dominated third',
      points: [
        ['a', 2, 0.9],
        ['b', 2, 0.9],
        ['c', 3, 0.9],
      ],
      frontier: ['a', 'b'],
    },
  ] as const)('$case', ({ points, frontier }) => {
    const input = { benchmarks: points.map(([n, e, q]) => bench(n, e, q)) };
    expect(frontierNames(input)).toEqual(frontier); // in report order
  });

  it.each([
    [{ energyJ: 1, quality: 1 }, { energyJ: 2, quality: 0.5 }, true],
    [{ energyJ: 1, quality: 1 }, { energyJ: 1, quality: 0.5 }, true],
    [{ energyJ: 1, quality: 1 }, { energyJ: 2, quality: 1 }, true],
    [{ energyJ: 1, quality: 1 }, { energyJ: 1, quality: 1 }, false],
    [{ energyJ: 1, quality: 0.5 }, { energyJ: 2, quality: 1 }, false],
    [{ energyJ: 2, quality: 1 }, { energyJ: 1, quality: 1 }, false],
  ])('dominates(%o, %o) is %s', (a, b, expected) => {
    expect(dominates(a, b)).toBe(expected);
  });

  it('frontierOf orders the frontier by energy, quality rising along it', () => {
    const chart = paretoPoints({
      benchmarks: [
        bench('big', 100, 0.99),
        bench('small', 1, 0.5),
        bench('mid', 10, 0.9),
        bench('bad', 50, 0.4),
      ],
    });
    expect(frontierOf(chart).map((p) => [p.name, p.energyJ, p.quality])).toEqual([
      ['small', 1, 0.5],
      ['mid', 10, 0.9],
      ['big', 100, 0.99],
    ]);
  });
});

describe('paretoPoints: what is charted', () => {
  it('keeps report order, the status and the figures', () => {
    const input = { benchmarks: [bench('a', 10, 0.5), { ...bench('b', 20, 0.7), status: 'fail' }] };
    expect(paretoPoints(input)).toEqual({
      metric: 'accuracy',
      otherMetrics: 0,
      points: [
        { name: 'a', status: 'pass', energyJ: 10, quality: 0.5, frontier: true },
        { name: 'b', status: 'fail', energyJ: 20, quality: 0.7, frontier: true },
      ],
    });
  });

  it.each([
    {
      case: 'the metric most benchmarks share',
      metrics: ['f1', 'accuracy', 'accuracy', 'f1', 'accuracy'],
      metric: 'accuracy',
      charted: 3,
      other: 2,
    },
    {
      case: 'a tie: the metric seen first',
      metrics: ['f1', 'accuracy', 'accuracy', 'f1'],
      metric: 'f1',
      charted: 2,
      other: 2,
    },
    { case: 'one metric', metrics: ['bleu', 'bleu'], metric: 'bleu', charted: 2, other: 0 },
  ])('$case', ({ metrics, metric, charted, other }) => {
    const chart = paretoPoints({ benchmarks: metrics.map((m, i) => bench(`b${i}`, 10 + i, 0.5, m)) });
    expect(chart.metric).toBe(metric);
    expect(chart.points).toHaveLength(charted);
    expect(chart.otherMetrics).toBe(other);
  });

  it.each([
    ['no efficiency', { name: 'x', status: 'pass', energyJ: 10 }],
    ['no energy (every repeat failed)', { ...bench('x', null, 0.9), status: 'error' }],
    ['zero energy (no log scale for it)', bench('x', 0, 0.9)],
    ['negative energy', bench('x', -1, 0.9)],
    [
      'a quality that is not a number',
      { ...bench('x', 10, 0.9), efficiency: { metric: 'accuracy', quality: '0.9' } },
    ],
    ['an infinite quality', bench('x', 10, Infinity)],
    ['a NaN quality', bench('x', 10, NaN)],
    ['an efficiency that is not an object', { ...bench('x', 10, 0.9), efficiency: 'accuracy 0.9' }],
    ['a metric name over 64 characters', bench('x', 10, 0.9, 'm'.repeat(65))],
  ])('leaves out a benchmark with %s', (_case, b) => {
    const chart = paretoPoints({ benchmarks: [bench('kept', 5, 0.8), b] });
    expect(chart.points.map((p) => p.name)).toEqual(['kept']);
    expect(chart.otherMetrics).toBe(0);
  });

  it('no benchmark with a quality figure: no points, no metric', () => {
    expect(paretoPoints({ benchmarks: [] })).toEqual({ metric: '', points: [], otherMetrics: 0 });
  });

  it.each([
    [0, false],
    [1, false],
    [2, true],
    [3, true],
  ])('paretoChart with %i points: a chart is %s', (count, exists) => {
    const benchmarks = Array.from({ length: count }, (_, i) => bench(`b${i}`, 10 * (i + 1), 0.5));
    expect(paretoChart({ benchmarks }) !== null).toBe(exists);
  });

  it('reads the report the Action parses, where efficiency arrives unvalidated', () => {
    const report = fullReport();
    const withQuality = {
      ...report,
      benchmarks: report.benchmarks.map((b, i) => ({
        ...b,
        energyJ: 10 * (i + 1),
        efficiency: { metric: 'accuracy', quality: 0.9 - i * 0.1, perKj: 1, jPerQuality: 1 },
      })),
    };
    const parsed = parseReport(JSON.stringify(withQuality));
    if (!parsed.ok) throw new Error(parsed.error);
    const chart = paretoPoints(parsed.report);
    expect(chart.points.length).toBe(report.benchmarks.length);
    expect(chart.points[0]!.frontier).toBe(true);
  });
});
