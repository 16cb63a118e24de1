import { describe, expect, it } from 'vitest';
import { buildTeadsParams, estimatePower } from '../../src/meter/estimator-params.js';
import type { CpuTopology } from '../../src/meter/machine.js';

const fallback = { wattsPerCore: 10, basis: 'test fallback' };
const GiB = 1024 ** 3;
const topo = (t: Partial<CpuTopology>): CpuTopology => ({
  model: 'X',
  logicalCpus: 4,
  sockets: 1,
  threadsPerCore: 2,
  virtualised: false,
  ...t,
});
const epyc = { model: 'AMD EPYC 7763', tdpW: 280, cores: 64, source: 'table' };

describe('buildTeadsParams', () => {
  it.each([
    // GitHub-hosted runner: 4 vCPU of a 64-core, 128-thread EPYC 7763 → 280 W × 4/128.
    ['VM share of a known host', topo({ virtualised: true }), epyc, 16 * GiB, 8.75, 16 * 0.392],
    ['bare metal owns its sockets', topo({ sockets: 2, logicalCpus: 256 }), epyc, 0, 560, 0],
    [
      'unknown CPU uses W per core',
      topo({ logicalCpus: 8, threadsPerCore: 2 }),
      null,
      2 * GiB,
      40,
      2 * 0.392,
    ],
    ['VM with unknown host cores', topo({ virtualised: true }), { ...epyc, cores: null }, 0, 20, 0],
    [
      'VM larger than the table host is capped at the whole CPU',
      topo({ virtualised: true, logicalCpus: 512 }),
      epyc,
      0,
      280,
      0,
    ],
  ])('%s', (_n, cpu, spec, mem, cpuW, memW) => {
    const p = buildTeadsParams(cpu, spec, fallback, mem);
    expect(p.cpuTdpShareW).toBeCloseTo(cpuW, 6);
    expect(p.memoryW).toBeCloseTo(memW, 6);
    expect(p.basis.length).toBeGreaterThanOrEqual(2);
  });

  it('runner power at 0 / 10 / 50 / 100 % follows the Teads curve on 8.75 W', () => {
    const p = buildTeadsParams(topo({ virtualised: true }), epyc, fallback, 0);
    const watts = [0, 0.1, 0.5, 1].map((u) => estimatePower(p, u).cpu);
    expect(watts.map((w) => Number(w.toFixed(4)))).toEqual([1.05, 2.8, 6.5625, 8.925]);
  });
});
