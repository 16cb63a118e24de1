import { GITHUB_HOSTED_EMBODIED } from '../../src/carbon/embodied.js';
import type { GridIntensity } from '../../src/carbon/region.js';
import { applyGate } from '../../src/gate/apply.js';
import { metricSamples } from '../../src/gate/baseline.js';
import { buildReport } from '../../src/report/build.js';
import type { Report } from '../../src/report/types.js';
import type { BenchmarkRun, SampleRun } from '../../src/runner/types.js';
import { grid, inputs, runs, sample } from './fixtures.js';

/**
 * A report with every optional field the code can write filled in: cloud region (cleanerElsewhere),
 * live intensity, embodied carbon, projection, functional units, GPU energy, estimate bands, model
 * metrics and layers, and the gate's budgets, stats, comparison and suite-total use.
 */
const cloudGrid: GridIntensity = {
  ...grid,
  region: 'azure:eastus',
  regionName: 'East US',
  cloud: { provider: 'azure', region: 'eastus', pue: 1.18, pueSource: 'test' },
  intensitySource: 'electricity-maps',
  measuredAt: '2026-01-01T00:00:00.000Z',
};

function rich(repeat: number, energyJ: number): SampleRun {
  const s = sample(repeat, energyJ);
  return {
    ...s,
    measurement: {
      ...s.measurement,
      energyBandJ: { low: energyJ * 0.9, high: energyJ * 1.1 },
      gpus: [{ index: 0, name: 'Test GPU', energyJ: 1, samples: 3, skipped: 0 }],
    },
    metrics: { accuracy: 0.9, model: 'mlp' },
    layers: [{ name: 'dense_1', type: 'Dense', params: 10, macs: 100, share: 1 }],
    backend: 'wasm',
  };
}

const train: BenchmarkRun = {
  spec: { ...runs[0]!.spec, repeat: 6, unit: { name: 'epoch', count: 2 } },
  status: 'ok',
  samples: [1, 2, 3, 4, 5, 6].map((i) => rich(i, 300 + i * 10)),
};
const serve: BenchmarkRun = {
  spec: { ...runs[0]!.spec, name: 'serve', kind: 'inference', unit: { name: 'inference', count: 100 } },
  status: 'ok',
  samples: [sample(1, 36)],
};

export function fullReport(): Report {
  const measured = buildReport(
    inputs({
      grid: cloudGrid,
      embodied: GITHUB_HOSTED_EMBODIED,
      projection: { queriesPerDay: 1000, days: 30 },
      meter: { ...inputs().meter, scope: 'test scope', gpu: 'nvidia-smi', gpuNames: ['Test GPU'] },
      runs: [train, serve, runs[1]!],
      notices: ['a notice'],
    }),
  );
  const base = metricSamples({ ...measured.benchmarks[0]!, samples: measured.benchmarks[0]!.samples });
  return applyGate(measured, {
    budgetOf: () => ({ energyJ: { warn: 1000, fail: 5000 }, regression: { warn: 0.05 }, metric: 'energy' }),
    total: { co2eG: { fail: 100 } },
    baseline: {
      source: 'file',
      ref: 'base.json',
      method: 'independent',
      benchmarks: new Map([['train', base]]),
    },
  });
}
