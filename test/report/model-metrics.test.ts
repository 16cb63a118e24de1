import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { summariseModel } from '../../src/report/model-metrics.js';
import { renderTable } from '../../src/report/table.js';
import { inputs, runs } from './fixtures.js';

const layer = (name: string, share: number) => ({
  name,
  type: 'Dense',
  params: 10,
  macs: 100 * share,
  share,
});

describe('summariseModel', () => {
  it.each([
    [[], 1000, {}],
    [
      [{ metrics: { accuracy: 0.5, model: 'mlp' } }, { metrics: { accuracy: 0.7, model: 'mlp' } }],
      2000,
      {
        metrics: { accuracy: 0.6, model: 'mlp' },
        accuracyPerKj: 0.3,
        efficiency: { metric: 'accuracy', quality: 0.6, perKj: 0.3, jPerQuality: 2000 / 0.6 },
      },
    ],
    [
      [{ metrics: { psnrDb: 20 }, backend: 'wasm' as const, layers: [layer('d', 1)] }],
      500,
      {
        metrics: { psnrDb: 20 },
        backend: 'wasm',
        layers: [layer('d', 1)],
      },
    ],
    [[{ metrics: { accuracy: 0.9 } }], null, { metrics: { accuracy: 0.9 } }],
  ])('%j at %s J', (samples, energyJ, expected) => {
    expect(summariseModel(samples, energyJ)).toEqual(expected);
  });

  it.each([
    ['psnrDb', { metric: 'psnrDb', quality: 20, perKj: 40, jPerQuality: 25 }],
    ['accuracy', undefined], // not reported: no efficiency, never a guess
  ])('efficiency of the quality metric %s', (quality, expected) => {
    const s = summariseModel([{ metrics: { psnrDb: 20 } }], 500, quality);
    expect(s.efficiency).toEqual(expected);
  });
});

describe('model metrics in the report and table', () => {
  it('adds accuracy and acc/kJ columns and the top layers line when a benchmark reports them', () => {
    const base = inputs();
    const withMetrics = runs.map((r, i) =>
      i === 0
        ? {
            ...r,
            samples: r.samples.map((s) => ({
              ...s,
              metrics: { accuracy: 0.9 },
              backend: 'wasm' as const,
              layers: [layer('hidden1', 0.6), layer('hidden2', 0.3), layer('out', 0.1)],
            })),
          }
        : r,
    );
    const report = buildReport({ ...base, runs: withMetrics });
    const b = report.benchmarks[0]!;
    expect(b.backend).toBe('wasm');
    expect(b.metrics).toEqual({ accuracy: 0.9 });
    // median energy 720 J = 0.72 kJ → 0.9 / 0.72 = 1.25 per kJ
    expect(b.accuracyPerKj).toBeCloseTo(1.25, 9);
    const text = renderTable(report);
    expect(text).toMatch(/benchmark\s+kind\s+repeats\s+time\s+energy\s+CO2e\s+accuracy\s+acc\/kJ\s+status/);
    expect(text).toMatch(/^train\s.*0\.900\s+1\.25\s+pass$/m);
    expect(text).toContain('train (wasm): top layers by MACs: hidden1 60 %, hidden2 30 %, out 10 %');
  });

  it('shows no model columns when nothing reports an accuracy', () => {
    expect(renderTable(buildReport(inputs()))).not.toContain('acc/kJ');
  });
});
