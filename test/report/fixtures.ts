import type { GridIntensity } from '../../src/carbon/region.js';
import type { BenchmarkRun, BenchmarkSpec, SampleRun } from '../../src/runner/types.js';
import type { ReportInputs } from '../../src/report/build.js';

export const grid: GridIntensity = {
  region: 'FR',
  regionName: 'France',
  origin: 'flag',
  grid: 'FR',
  intensityGPerKwh: 100,
  method: 'lifecycle',
  intensitySource: 'embedded',
  year: 2023,
  source: 'test grid',
  notices: [],
};

const spec = (name: string, repeat: number): BenchmarkSpec => ({
  name,
  kind: 'training',
  run: `run ${name}`,
  cwd: '/tmp',
  env: {},
  repeat,
  warmup: 0,
  timeoutS: 60,
});

export function sample(repeat: number, energyJ: number, ok = true): SampleRun {
  return {
    repeat,
    command: ok
      ? { ok: true, exitCode: 0, signal: null, timedOut: false, durationS: energyJ / 10 }
      : { ok: false, exitCode: 1, signal: null, timedOut: false, durationS: 1, reason: 'exited with code 1' },
    measurement: {
      durationS: energyJ / 10,
      energyJ,
      breakdownJ: { cpu: energyJ * 0.8, memory: energyJ * 0.2, gpu: 0 },
      utilisation: 0.5,
      processCpuS: 1,
      processShare: 0.9,
      samples: 3,
      notes: [],
    },
  };
}

export const runs: BenchmarkRun[] = [
  { spec: spec('train', 3), status: 'ok', samples: [sample(1, 360), sample(2, 3600), sample(3, 720)] },
  {
    spec: spec('broken \u001b[31m', 2),
    status: 'error',
    reason: 'repeat 1/2: exited with code 1',
    samples: [sample(1, 5, false)],
  },
];

export function inputs(over: Partial<ReportInputs> = {}): ReportInputs {
  return {
    version: '0.0.0-test',
    createdAt: '2026-01-01T00:00:00.000Z',
    config: 'carbon-gate.yml',
    machine: { platform: 'linux-x64', cpuModel: 'Test CPU', logicalCpus: 2, memoryGb: 4, virtualised: true },
    meter: {
      cpu: 'estimator',
      gpu: 'none',
      powerModel: 'teads-curve',
      basis: ['test basis'],
      intervalS: 0.5,
    },
    grid,
    pue: { value: 1.5, source: 'config' },
    runs,
    ...over,
  };
}
