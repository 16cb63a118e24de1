import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { inputs, runs, sample } from './fixtures.js';

describe('buildReport', () => {
  const report = buildReport(inputs());

  it('carries the contract fields', () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.method).toMatchObject({ cpu: 'estimator', gpu: 'none' });
    expect(report.carbon).toMatchObject({
      region: 'FR',
      intensityGPerKwh: 100,
      pue: 1.5,
      source: 'test grid',
    });
    expect(report.benchmarks.map((b) => b.name)).toEqual(['train', 'broken \u001b[31m']);
  });

  it('summarises repeats by their median, outliers do not move it', () => {
    const b = report.benchmarks[0]!;
    expect(b.energyJ).toBe(720);
    expect(b.durationS).toBe(72);
    expect(b.breakdownJ).toEqual({ cpu: 576, memory: 144, gpu: 0 });
    // 720 J = 0.0002 kWh × 1.5 × 100 g/kWh = 0.03 g.
    expect(b.co2eG).toBeCloseTo(0.03, 12);
    expect(b.samples).toHaveLength(3);
    expect(b.samples[1]!.co2eG).toBeCloseTo(0.15, 12);
  });

  it('an errored benchmark has no medians, an error status and a reason in the verdict', () => {
    const b = report.benchmarks[1]!;
    expect(b).toMatchObject({ status: 'error', energyJ: null, co2eG: null, breakdownJ: null });
    expect(b.samples[0]).toMatchObject({ status: 'error', reason: 'exited with code 1', exitCode: 1 });
    expect(report.verdict.status).toBe('error');
    expect(report.verdict.reasons).toEqual(['broken \u001b[31m: repeat 1/2: exited with code 1']);
  });

  it('totals add up the medians', () => {
    expect(report.totals.energyJ).toBe(720);
    expect(report.totals.energyKwh).toBeCloseTo(0.0002, 12);
    expect(report.totals.co2eG).toBeCloseTo(0.03, 12);
  });

  it('all benchmarks ok → pass', () => {
    const ok = buildReport(inputs({ runs: [runs[0]!, { ...runs[0]!, samples: [sample(1, 10)] }] }));
    expect(ok.verdict).toEqual({
      status: 'pass',
      reasons: [],
      baseline: { source: 'none', note: 'no baseline: regression not checked' },
    });
  });
});
