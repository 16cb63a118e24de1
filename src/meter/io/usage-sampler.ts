import { performance } from 'node:perf_hooks';
import { EnergyAccumulator, type PowerCurve } from '../accumulator.js';
import type { Measurement } from '../types.js';
import { readReapedChildrenCpuS, readSystemCpu, readTreeCpuS } from './procfs.js';

/**
 * System utilisation and process-tree CPU time over a metering window, the way the estimator
 * samples them, integrating `power` on each interval's utilisation. Meters that measure energy
 * directly (RAPL) pass a zero curve and keep only utilisation and the benchmark's share.
 */
export class UsageSampler {
  private readonly acc: EnergyAccumulator;
  private pid: number | null = null;
  // Tree CPU time only grows; once the tree exits reads return 0, so keep the highest seen.
  private treeCpuS = 0;
  private readonly reapedAtStart = readReapedChildrenCpuS();

  constructor(
    power: PowerCurve,
    private readonly logicalCpus: number,
  ) {
    this.acc = new EnergyAccumulator(power);
    this.sample();
  }

  track(pid: number): void {
    this.pid = pid;
  }

  sample(): void {
    const sys = readSystemCpu();
    if (this.pid) this.treeCpuS = Math.max(this.treeCpuS, readTreeCpuS(this.pid));
    this.acc.add({ tS: performance.now() / 1000, busy: sys.busy, total: sys.total, treeCpuS: this.treeCpuS });
  }

  /** Takes the last sample; the kernel's reaped-children total is exact once the tree has exited. */
  finish(notes: string[] = []): Measurement {
    this.sample();
    const reapedNow = readReapedChildrenCpuS();
    const exact =
      this.reapedAtStart !== null && reapedNow !== null ? reapedNow - this.reapedAtStart : undefined;
    return this.acc.result(this.logicalCpus, exact, notes);
  }
}
