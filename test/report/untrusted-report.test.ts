import { describe, expect, it } from 'vitest';
import { SUITE_LIMITS } from '../../src/config/limits.js';
import { applyGate } from '../../src/gate/apply.js';
import { metricSamples } from '../../src/gate/baseline.js';
import { GateReportSchema } from '../../src/gate/report-schema.js';
import { buildReport } from '../../src/report/build.js';
import { ReportSchema } from '../../src/report/schema.js';
import { MAX_REPORT_BYTES, parseReport, reportSchema } from '../../src/report/view-schema.js';
import type { BenchmarkRun } from '../../src/runner/types.js';
import { inputs, runs, sample } from './fixtures.js';
import { fullReport } from './full-report.js';

/**
 * Issue 12, item 7: a report from a fork's artifact (view-schema), a baseline file (gate/report-schema) and
 * the contract itself (schema.ts) refuse figures that cannot be measurements, and the Action's reader refuses
 * a verdict better than its benchmarks.
 */
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const onDisk = (r: unknown): Json => JSON.parse(JSON.stringify(r));
const passing = (): Json => {
  const r = onDisk(fullReport());
  r.benchmarks = r.benchmarks.filter((b: Json) => b.status !== 'error');
  for (const b of r.benchmarks) b.status = 'pass';
  r.verdict.status = 'pass';
  return r;
};

describe('negative quantities are not measurements', () => {
  it.each<[string, (r: Json) => void, string]>([
    [
      'a negative sample energy',
      (r) => (r.benchmarks[0].samples[0].energyJ = -1),
      'benchmarks.0.samples.0.energyJ',
    ],
    [
      'a negative sample CO2e',
      (r) => (r.benchmarks[0].samples[0].co2eG = -1),
      'benchmarks.0.samples.0.co2eG',
    ],
    [
      'a negative sample duration',
      (r) => (r.benchmarks[0].samples[0].durationS = -1),
      'benchmarks.0.samples.0.durationS',
    ],
    ['a negative median energy', (r) => (r.benchmarks[0].energyJ = -1e296), 'benchmarks.0.energyJ'],
    ['a negative median CO2e', (r) => (r.benchmarks[0].co2eG = -3), 'benchmarks.0.co2eG'],
    ['a negative median duration', (r) => (r.benchmarks[0].durationS = -3), 'benchmarks.0.durationS'],
    ['a negative total energy', (r) => (r.totals.energyKwh = -2.78e290), 'totals.energyKwh'],
    ['a negative total CO2e', (r) => (r.totals.co2eG = -1), 'totals.co2eG'],
    ['a negative total duration', (r) => (r.totals.durationS = -1), 'totals.durationS'],
    ['a negative energy band', (r) => (r.benchmarks[0].energyBandJ.low = -1), 'benchmarks.0.energyBandJ.low'],
    ['a negative grid intensity', (r) => (r.carbon.intensityGPerKwh = -100), 'carbon.intensityGPerKwh'],
    ['a negative repeat count', (r) => (r.benchmarks[0].repeats = -1), 'benchmarks.0.repeats'],
  ])('%s: refused by the contract and the Action’s reader', (_label, mutate, where) => {
    const r = passing();
    mutate(r);
    const contract = ReportSchema.safeParse(r);
    expect(contract.error?.issues.map((i) => i.path.join('.'))).toContain(where);
    const view = reportSchema.safeParse(r);
    expect(view.error?.issues.map((i) => i.path.join('.'))).toContain(where);
    const parsed = parseReport(JSON.stringify(r));
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining(where) });
  });

  it.each<[string, (r: Json) => void]>([
    ['a negative sample energy', (r) => (r.benchmarks[0].samples[0].energyJ = -1)],
    ['a negative total CO2e', (r) => (r.totals.co2eG = -1)],
    ['a negative total energy', (r) => (r.totals.energyJ = -1)],
  ])('%s: refused as a baseline file', (_label, mutate) => {
    const r = passing();
    mutate(r);
    expect(GateReportSchema.safeParse(r).success).toBe(false);
  });
});

describe('the verdict agrees with its benchmarks (the Action’s reader)', () => {
  it.each(['fail', 'error'])('a verdict of pass with a benchmark at %s is refused', (status) => {
    const r = passing();
    r.benchmarks[1].status = status;
    const parsed = parseReport(JSON.stringify(r));
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(
      /^verdict\.status: pass, but benchmarks\.1 is (fail|error) /,
    );
  });

  it('a verdict of warn with a failing benchmark is refused; one worse than every benchmark is not', () => {
    const r = passing();
    r.benchmarks[0].status = 'fail';
    r.verdict.status = 'warn';
    expect(parseReport(JSON.stringify(r)).ok).toBe(false);
    // Worse than its benchmarks: the suite total or the team budget raised it.
    const worse = passing();
    worse.verdict.status = 'fail';
    expect(parseReport(JSON.stringify(worse)).ok).toBe(true);
    expect(parseReport(JSON.stringify(passing())).ok).toBe(true);
  });
});

describe('a report at the config’s limits', () => {
  it('passes the Action’s reader, as written to disk (indented), within MAX_REPORT_BYTES', () => {
    // One benchmark gated against a baseline (stats, comparison, budget uses), then copied to the limit:
    // the gate's bootstrap over a thousand benchmarks would take a minute and add nothing to the size.
    const perBenchmark = SUITE_LIMITS.suiteRepeats / SUITE_LIMITS.benchmarks;
    const one: BenchmarkRun = {
      spec: { ...runs[0]!.spec, name: 'template', repeat: perBenchmark },
      status: 'ok',
      samples: Array.from({ length: perBenchmark }, (_, k) => sample(k + 1, 100 + Math.PI * (k + 1))),
    };
    const measured = buildReport(inputs({ runs: [one] }));
    const gated = applyGate(measured, {
      budgetOf: () => ({
        energyJ: { warn: 1e6, fail: 2e6 },
        regression: { warn: 0.05, fail: 0.1 },
        metric: 'energy',
      }),
      total: { co2eG: { fail: 1e9 } },
      baseline: {
        source: 'history',
        ref: 'abcdef0',
        method: 'independent',
        benchmarks: new Map([['template', metricSamples(measured.benchmarks[0]!)]]),
      },
    });
    const template = gated.benchmarks[0]!;
    const full = {
      ...gated,
      benchmarks: Array.from({ length: SUITE_LIMITS.benchmarks }, (_, i) => ({
        ...template,
        // The config's longest name and a long command (the config file is at most 1 MiB in all).
        name: `benchmark-${i}`.padEnd(100, 'x'),
        command: `python train.py --case ${i} `.padEnd(1000, 'y'),
      })),
    };
    const text = JSON.stringify(full, null, 2) + '\n';
    expect(text.length).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    const parsed = parseReport(text);
    expect(parsed.ok ? '' : parsed.error).toBe('');
  });
});
