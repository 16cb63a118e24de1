import { describe, expect, it } from 'vitest';
import { EnergyAccumulator } from '../../src/meter/accumulator.js';
import type { EstimatorParams } from '../../src/meter/estimator-params.js';

const params: EstimatorParams = {
  cpuModel: 'x',
  cpuTdpShareW: 100,
  memoryW: 5,
  powerModel: 'teads-curve',
  basis: [],
};

describe('EnergyAccumulator', () => {
  it('integrates constant full load: 1.02 × 100 W + 5 W over 3 s', () => {
    const acc = new EnergyAccumulator(params);
    for (let i = 0; i <= 6; i++) acc.add({ tS: i * 0.5, busy: i * 100, total: i * 100, treeCpuS: i });
    const m = acc.result(2);
    expect(m.durationS).toBeCloseTo(3, 9);
    expect(m.breakdownJ.cpu).toBeCloseTo(306, 6);
    expect(m.breakdownJ.memory).toBeCloseTo(15, 6);
    expect(m.energyJ).toBeCloseTo(321, 6);
    expect(m.utilisation).toBe(1);
    expect(m.samples).toBe(6);
  });

  it("uses each interval's own utilisation: idle then half load", () => {
    const acc = new EnergyAccumulator(params);
    acc.add({ tS: 0, busy: 0, total: 0, treeCpuS: 0 });
    acc.add({ tS: 1, busy: 0, total: 200, treeCpuS: 0 });
    acc.add({ tS: 2, busy: 100, total: 400, treeCpuS: 1 });
    const m = acc.result(2);
    expect(m.breakdownJ.cpu).toBeCloseTo(12 + 75, 6);
    expect(m.utilisation).toBeCloseTo(0.25, 9);
    // 1 s of tree CPU out of 0.25 × 2 s × 2 CPUs = 1 s busy → share 1.
    expect(m.processShare).toBeCloseTo(1, 9);
  });

  it('prefers exact end-of-process CPU time when it is higher than the samples', () => {
    const acc = new EnergyAccumulator(params);
    acc.add({ tS: 0, busy: 0, total: 0, treeCpuS: 0 });
    acc.add({ tS: 1, busy: 200, total: 200, treeCpuS: 0.2 });
    const m = acc.result(2, 1.5);
    expect(m.processCpuS).toBe(1.5);
    expect(m.processShare).toBeCloseTo(0.75, 9);
  });

  it('a single snapshot gives zero energy, not NaN', () => {
    const acc = new EnergyAccumulator(params);
    acc.add({ tS: 5, busy: 1, total: 2, treeCpuS: 0 });
    const m = acc.result(1);
    expect([m.energyJ, m.durationS, m.utilisation, m.processShare]).toEqual([0, 0, 0, 0]);
  });
});
