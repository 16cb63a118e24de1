import { describe, expect, it } from 'vitest';
import type { MetricChange } from '../../src/gate/types.js';
import { metricChangeText, tradeOffLine, whatMoved } from '../../src/report/what-moved.js';

const change = (metric: string, base: number, head: number): MetricChange => ({
  metric,
  base,
  head,
  change: head - base,
  ci95: null,
  method: 'paired',
});
const energy = (ratio: number, ci95: [number, number] | null = null) => ({ metric: 'energy', ratio, ci95 });

describe('metricChangeText', () => {
  it.each([
    [change('accuracy', 0.9, 0.896), 'accuracy −0.4 pt'],
    [change('accuracy', 0.8, 0.85), 'accuracy +5.0 pt'],
    [change('psnrDb', 24, 22.8), 'psnrDb −1.20 (−5.0 %)'],
    [change('loss', 0.3, 0.6), 'loss +0.300 (+100.0 %)'],
  ])('%j → %s', (c, text) => expect(metricChangeText(c)).toBe(text));
});

describe('tradeOffLine: only when the gated figure and the quality both moved', () => {
  it.each([
    [
      { comparison: energy(0.79, [0.76, 0.82]), metricChanges: [change('accuracy', 0.9, 0.896)] },
      'energy −21.0 % [−24.0, −18.0], accuracy −0.4 pt',
    ],
    [{ comparison: energy(0.79), metricChanges: [change('loss', 0.3, 0.2)] }, undefined],
    [{ comparison: energy(1), metricChanges: [change('accuracy', 0.9, 0.8)] }, undefined],
    [{ metricChanges: [change('accuracy', 0.9, 0.8)] }, undefined],
    [
      {
        comparison: { metric: 'co2e', ratio: 1.1, ci95: null },
        metricChanges: [change('psnrDb', 20, 21)],
        efficiency: { metric: 'psnrDb' },
      },
      'CO2e +10.0 %, psnrDb +1.00 (+5.0 %)',
    ],
  ])('%j → %s', (input, line) => expect(tradeOffLine(input)).toBe(line));
});

describe('whatMoved', () => {
  it('a shell benchmark: the metrics that moved most, set-up figures left out', () => {
    const lines = whatMoved({
      metricChanges: [change('epochs', 2, 4), change('loss', 0.3, 0.6), change('f1', 0.5, 0.45)],
    });
    expect(lines).toEqual(['metrics that moved most: loss +0.300 (+100.0 %), f1 −5.0 pt']);
  });

  it('a TF.js model with a layer diff: the diff instead of the metric list, measured energy beside it', () => {
    const lines = whatMoved({
      comparison: energy(1.29),
      layerDiff: {
        baseMacs: 100,
        headMacs: 134,
        macsRatio: 1.34,
        changes: [{ kind: 'added', type: 'Dense', name: 'dense_Dense3', to: '512', macsDelta: 34 }],
        more: 0,
      },
      metricChanges: [change('loss', 0.3, 0.6)],
    });
    expect(lines).toEqual([
      '+1 Dense (512): MACs +34.0 %, energy predicted +34.0 %, measured +29.0 %',
      '+ Dense dense_Dense3 (512): +34 MACs',
    ]);
  });

  it('nothing moved, or no baseline: no lines', () => {
    expect(whatMoved({})).toEqual([]);
    expect(whatMoved({ comparison: energy(1.02), metricChanges: [] })).toEqual([]);
  });
});
