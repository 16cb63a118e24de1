import { describe, expect, it } from 'vitest';
import { estimateVmWatts, predictServerWatts, VM_MEMORY_W_PER_GB } from '../../src/power-model/index.js';

// GitHub's ubuntu-latest: 4 vCPU of a single-socket, 64-core, 128-thread EPYC 7763 (280 W), 16 GB.
const host = {
  cpuModel: 'AMD EPYC 7763 64-Core Processor',
  sockets: 1,
  cores: 64,
  threads: 128,
  tdpWattsPerSocket: 280,
};
const runner = { host, vcpus: 4, vmMemoryGb: 16 };

describe('estimateVmWatts', () => {
  it.each([
    // Eco CI: 1.76 / 3.62 / 5.16 / 8.18 W. Same ballpark, not the same curve.
    [0, 1, 4],
    [0.1, 2, 6],
    [0.5, 3, 9],
    [1, 5, 14],
  ])('ubuntu-latest at %s load is between %s and %s W', (u, lo, hi) => {
    const e = estimateVmWatts(runner, u);
    expect(e.watts).toBeGreaterThan(lo);
    expect(e.watts).toBeLessThan(hi);
    expect(e.lowW).toBeLessThan(e.watts);
    expect(e.highW).toBeGreaterThan(e.watts);
  });

  it('is the host curve × vcpus/threads when host memory is unknown (sized like the VM)', () => {
    const [hostW] = predictServerWatts({ ...host, memoryGb: 512 }, [0.3]);
    expect(estimateVmWatts(runner, 0.3).watts).toBeCloseTo(hostW! * (4 / 128), 10);
    expect(estimateVmWatts(runner, 0.3).basis.join('\n')).toMatch(
      /host memory not known: taken as 512 GB, the VM's .* GB × .* host threads ÷ .* vCPUs .*, so the memory term is zero/,
    );
  });

  it('moves memory at the per-GB figure when host memory is given', () => {
    const withHost = { ...runner, host: { ...host, memoryGb: 256 } };
    const [hostW] = predictServerWatts({ ...host, memoryGb: 256 }, [0.5]);
    const expected = hostW! * (4 / 128) + VM_MEMORY_W_PER_GB * (16 - 256 * (4 / 128));
    expect(estimateVmWatts(withHost, 0.5).watts).toBeCloseTo(expected, 10);
  });

  it('caps the memory deduction so a memory-light VM never goes negative', () => {
    const e = estimateVmWatts({ host: { ...host, memoryGb: 8192 }, vcpus: 4, vmMemoryGb: 1 }, 0);
    expect(e.watts).toBeGreaterThan(0);
    expect(e.basis.join('\n')).toMatch(/capped/);
  });

  it('is non-decreasing in utilisation and caps the share at the whole host', () => {
    const w = [0, 0.2, 0.4, 0.6, 0.8, 1].map((u) => estimateVmWatts(runner, u).watts);
    for (let i = 1; i < w.length; i++) expect(w[i]!).toBeGreaterThanOrEqual(w[i - 1]!);
    const whole = estimateVmWatts({ host, vcpus: 512, vmMemoryGb: 512 }, 1);
    expect(whole.basis.join('\n')).toMatch(/capped at the whole host/);
  });

  it('rejects nonsense', () => {
    expect(() => estimateVmWatts({ ...runner, vcpus: 0 }, 0)).toThrow(RangeError);
  });
});
