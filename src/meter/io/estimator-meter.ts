import { every } from '../../io/shared-ticker.js';
import { estimatePower, type EstimatorParams } from '../estimator-params.js';
import type { Meter, MeterSession } from '../types.js';
import { UsageSampler } from './usage-sampler.js';

export interface EstimatorMeterOptions {
  params: EstimatorParams;
  logicalCpus: number;
  intervalS: number;
}

/** Samples system and process-tree CPU time in the background and integrates modelled power. */
export function createEstimatorMeter(opts: EstimatorMeterOptions): Meter {
  return {
    describe: () => ({
      cpu: 'estimator',
      gpu: 'none',
      powerModel: opts.params.powerModel,
      scope: 'whole machine, modelled: CPU and platform (share of host) + memory',
      basis: opts.params.basis,
      intervalS: opts.intervalS,
    }),
    start: () => startSession(opts),
  };
}

function startSession(opts: EstimatorMeterOptions): MeterSession {
  const power = (u: number) => estimatePower(opts.params, u);
  const idle = power(0);
  const usage = new UsageSampler(power, opts.logicalCpus, { idleW: idle.cpu + idle.memory });
  // One wake for the sampler and the runner's process-tree poll (src/io/shared-ticker.ts).
  const stopTicks = every(opts.intervalS * 1000, () => usage.tick());
  return {
    track: (pid, attach) => usage.track(pid, attach),
    async stop() {
      stopTicks();
      const m = usage.finish();
      const band = opts.params.band;
      // The model's band applies to its own part; memory (Teads fallback only) is a fixed per-GB coefficient.
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
