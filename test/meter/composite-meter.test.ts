import { describe, expect, it } from 'vitest';
import { compositeMeter, mergeMeasurements } from '../../src/meter/composite-meter.js';
import type { Measurement, Meter } from '../../src/meter/types.js';

const m = (over: Partial<Measurement>): Measurement => ({
  durationS: 2,
  energyJ: 0,
  breakdownJ: { cpu: 0, memory: 0, gpu: 0 },
  utilisation: 0,
  processCpuS: 0,
  processShare: 0,
  samples: 1,
  notes: [],
  ...over,
});

const fixed = (
  measurement: Measurement,
  desc: Partial<ReturnType<Meter['describe']>>,
): Meter & { pids: number[] } => {
  const pids: number[] = [];
  return {
    pids,
    describe: () => ({
      cpu: 'estimator',
      gpu: 'none',
      powerModel: 'x',
      basis: ['cpu basis'],
      intervalS: 0.5,
      ...desc,
    }),
    start: () => ({ track: (p) => pids.push(p), stop: async () => measurement }),
  };
};

describe('mergeMeasurements', () => {
  it('adds GPU energy to the total and the breakdown, keeps CPU attribution', () => {
    const cpu = m({
      energyJ: 30,
      breakdownJ: { cpu: 20, memory: 10, gpu: 0 },
      processShare: 0.8,
      energyBandJ: { low: 25, high: 36 },
    });
    const gpu = m({
      energyJ: 100,
      breakdownJ: { cpu: 0, memory: 0, gpu: 100 },
      notes: ['gpu note'],
      gpus: [{ index: 0, name: 'G', energyJ: 100, samples: 9, skipped: 0 }],
    });
    const r = mergeMeasurements(cpu, gpu);
    expect(r.energyJ).toBe(130);
    expect(r.breakdownJ).toEqual({ cpu: 20, memory: 10, gpu: 100 });
    expect(r.processShare).toBe(0.8);
    expect(r.notes).toEqual(['gpu note']);
    expect(r.gpus?.[0]?.name).toBe('G');
    expect(r.energyBandJ).toEqual({ low: 125, high: 136 });
  });
});

describe('compositeMeter', () => {
  it('without a GPU meter is the CPU meter itself', () => {
    const cpu = fixed(m({}), {});
    expect(compositeMeter(cpu, null)).toBe(cpu);
  });

  it('tracks the pid in both and merges descriptions', async () => {
    const cpu = fixed(m({ energyJ: 5, breakdownJ: { cpu: 5, memory: 0, gpu: 0 } }), {
      cpu: 'rapl',
      scope: 'CPU package + DRAM',
    });
    const gpu = fixed(m({ energyJ: 7, breakdownJ: { cpu: 0, memory: 0, gpu: 7 } }), {
      gpu: 'nvidia-smi',
      basis: ['gpu basis'],
      gpuNames: ['H100'],
    });
    const meter = compositeMeter(cpu, gpu);
    const d = meter.describe();
    expect(d).toMatchObject({
      cpu: 'rapl',
      gpu: 'nvidia-smi',
      scope: 'CPU package + DRAM + GPU',
      gpuNames: ['H100'],
    });
    expect(d.basis).toEqual(['cpu basis', 'gpu basis']);
    const s = meter.start();
    s.track(42);
    expect((await s.stop()).energyJ).toBe(12);
    expect([cpu.pids, gpu.pids]).toEqual([[42], [42]]);
  });
});
