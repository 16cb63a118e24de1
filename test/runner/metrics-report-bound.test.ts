import { describe, expect, it } from 'vitest';
import { SUITE_LIMITS } from '../../src/config/limits.js';
import { applyGate } from '../../src/gate/apply.js';
import { metricSamples } from '../../src/gate/baseline.js';
import { buildReport } from '../../src/report/build.js';
import { MAX_REPORT_BYTES } from '../../src/report/view-schema.js';
import {
  parseMetricsFile,
  sampleMetricsCap,
  SUITE_METRICS_MAX_BYTES,
} from '../../src/runner/metrics-file.js';
import { runSuite } from '../../src/runner/run-suite.js';
import type { BenchmarkSpec, CommandResult } from '../../src/runner/types.js';
import { countingMeter } from '../helpers/counting-meter.js';
import { inputs } from '../report/fixtures.js';

/**
 * Issue 5: whatever benchmarks write to their metrics files, the report of the largest suite the config
 * accepts (SUITE_LIMITS) stays within what the Action reads (MAX_REPORT_BYTES), as written (indented).
 * Every sample of that suite reports the worst a metrics file can hold: 64 metrics (accuracy, and 63 keys
 * unique to it, so that the benchmark's summary, the union of its samples' keys, is as large as it gets)
 * at the longest key and text, of characters that grow in JSON, and 10 layers of the longest names. The
 * cap applied is runSuite's own (metrics-file.ts sampleMetricsCap for the suite's metered repeats).
 */
const perBenchmark = SUITE_LIMITS.suiteRepeats / SUITE_LIMITS.benchmarks;

function worstFile(b: number, r: number): string {
  const text = '"\\€'.repeat(100).slice(0, 300);
  const metrics = Object.fromEntries(
    Array.from({ length: 63 }, (_, i) => [`${b}-${r}-${i}"\\€\u0001`.padEnd(64, '"'), text]),
  );
  const layers = Array.from({ length: 10 }, (_, i) => ({
    name: `${i}${text}`.slice(0, 300),
    type: text,
    params: 1.2345678901234568e300,
    macs: 1.2345678901234568e300,
    share: 0.12345678901234568,
  }));
  return JSON.stringify({ accuracy: 0.12345678901234568, ...metrics, layers });
}

const spec = (b: number): BenchmarkSpec => ({
  name: `benchmark-${b}`.padEnd(100, 'x'),
  kind: 'training',
  run: `python train.py --case ${b} `.padEnd(1000, 'y'),
  cwd: '/tmp',
  env: {},
  repeat: perBenchmark,
  warmup: 0,
  timeoutS: 60,
});

/** The length of JSON.stringify(report, null, 2) + '\n', one benchmark at a time (no 100 MB string). */
function indentedLength(report: { benchmarks: unknown[] }): number {
  const shell = JSON.stringify({ ...report, benchmarks: [] }, null, 2).length + 1;
  // "[]" becomes "[\n", the benchmarks 4 spaces deeper with ",\n" between them, and "\n  ]".
  let total = report.benchmarks.length ? shell + 2 : shell;
  for (const b of report.benchmarks) {
    const text = JSON.stringify(b, null, 2);
    const lines = text.split('\n').length;
    total += Buffer.byteLength(text) + 4 * lines + 2;
  }
  return total;
}

describe('the report of the largest suite, every metrics file at its worst', () => {
  it('stays within MAX_REPORT_BYTES (SUITE_LIMITS.suiteRepeats samples, each capped)', async () => {
    const specs = Array.from({ length: SUITE_LIMITS.benchmarks }, (_, b) => spec(b));
    const repeats = new Map<BenchmarkSpec, number>();
    const runs = await runSuite(specs, {
      meter: countingMeter().meter,
      spawnBenchmark: async (s) => {
        const b = specs.indexOf(s);
        const r = (repeats.get(s) ?? 0) + 1;
        repeats.set(s, r);
        const result: CommandResult = {
          ok: true,
          exitCode: 0,
          signal: null,
          timedOut: false,
          durationS: 1 + r / 7,
          reported: parseMetricsFile(worstFile(b, r)),
        };
        return result;
      },
      progress: () => {},
    });
    const measured = buildReport(inputs({ runs }));
    // The gate's fields, from one benchmark gated against a baseline, on every benchmark (the bootstrap
    // over a thousand would take a minute and add nothing to the size).
    const one = buildReport(inputs({ runs: [runs[0]!] }));
    const gated = applyGate(one, {
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
        benchmarks: new Map([[one.benchmarks[0]!.name, metricSamples(one.benchmarks[0]!)]]),
      },
    });
    const { stats, comparison, budget, budgetUse, reasons, status } = gated.benchmarks[0]!;
    const full = {
      ...gated,
      benchmarks: measured.benchmarks.map((b) => ({
        ...b,
        stats,
        comparison,
        budget,
        budgetUse,
        reasons,
        status,
      })),
    };
    expect(measured.benchmarks.reduce((n, b) => n + b.samples.length, 0)).toBe(SUITE_LIMITS.suiteRepeats);
    // The counting is exact: checked against the real thing on a small report.
    const small = { ...full, benchmarks: full.benchmarks.slice(0, 3) };
    expect(indentedLength(small)).toBe(Buffer.byteLength(JSON.stringify(small, null, 2) + '\n'));
    const bytes = indentedLength(full);
    expect(bytes, `${(bytes / 2 ** 20).toFixed(1)} MiB`).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    // The arithmetic behind it: the rest of the report, plus the suite's budget twice (the samples'
    // metrics and layers, and the benchmarks' summaries of them), fits.
    const bare = {
      ...full,
      benchmarks: full.benchmarks.map(({ metrics: _m, layers: _l, accuracyPerKj: _a, ...b }) => ({
        ...b,
        samples: b.samples.map(({ metrics: _sm, layers: _sl, ...sample }) => sample),
      })),
    };
    const perSample = sampleMetricsCap(SUITE_LIMITS.suiteRepeats);
    expect(perSample * SUITE_LIMITS.suiteRepeats).toBeLessThanOrEqual(SUITE_METRICS_MAX_BYTES);
    expect(indentedLength(bare) + 2 * SUITE_METRICS_MAX_BYTES).toBeLessThanOrEqual(MAX_REPORT_BYTES);
  }, 120_000);
});
