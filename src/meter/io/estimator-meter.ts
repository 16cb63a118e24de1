import { performance } from 'node:perf_hooks';
import { EnergyAccumulator, type Snapshot } from '../accumulator.js';
import type { EstimatorProfile } from '../profile.js';
import type { Meter, MeterSession } from '../types.js';
import { readReapedChildrenCpuS, readSystemCpu, readTreeCpuS } from './procfs.js';

export interface EstimatorMeterOptions {
  profile: EstimatorProfile;
  logicalCpus: number;
  intervalS: number;
}

/** Samples system and process-tree CPU time in the background and integrates modelled power. */
export function createEstimatorMeter(opts: EstimatorMeterOptions): Meter {
  return {
    describe: () => ({
      cpu: 'estimator',
      gpu: 'none',
      powerModel: opts.profile.powerModel,
      scope: 'whole machine, modelled: CPU and platform (share of host) + memory',
      basis: opts.profile.basis,
      intervalS: opts.intervalS,
    }),
    start: () => startSession(opts),
  };
}

function startSession(opts: EstimatorMeterOptions): MeterSession {
  const acc = new EnergyAccumulator(opts.profile);
  let pid: number | null = null;
  // Tree CPU time only grows; once the tree exits reads return 0, so keep the highest seen.
  let treeCpuS = 0;
  const reapedAtStart = readReapedChildrenCpuS();
  const snap = (): Snapshot => {
    const sys = readSystemCpu();
    if (pid) treeCpuS = Math.max(treeCpuS, readTreeCpuS(pid));
    return { tS: performance.now() / 1000, busy: sys.busy, total: sys.total, treeCpuS };
  };
  acc.add(snap());
  const timer = setInterval(() => acc.add(snap()), opts.intervalS * 1000);
  timer.unref();
  return {
    track(p) {
      pid = p;
    },
    async stop() {
      clearInterval(timer);
      // The tree is gone by now; its last sample is a lower bound, the kernel's reaped-children total is exact.
      acc.add(snap());
      const reapedNow = readReapedChildrenCpuS();
      const exact = reapedAtStart !== null && reapedNow !== null ? reapedNow - reapedAtStart : undefined;
      const m = acc.result(opts.logicalCpus, exact);
      const band = opts.profile.band;
      // The model's band applies to its own part; memory is a fixed per-GB coefficient.
      if (band) {
        m.energyBandJ = {
          low: m.breakdownJ.cpu * band.lowRatio + m.breakdownJ.memory,
          high: m.breakdownJ.cpu * band.highRatio + m.breakdownJ.memory,
        };
      }
      return m;
    },
  };
}
