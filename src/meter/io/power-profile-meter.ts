import { every } from '../../io/shared-ticker.js';
import type { PowerCurve } from '../accumulator.js';
import { powerProfileCurve } from '../../power-profile/curve.js';
import { powerProfileBasis } from '../../power-profile/describe.js';
import type { PowerProfile } from '../../power-profile/schema.js';
import type { Meter, MeterSession } from '../types.js';
import { UsageSampler } from './usage-sampler.js';

export interface PowerProfileMeterOptions {
  profile: PowerProfile;
  /** The profile file as shown to the user. */
  label: string;
  logicalCpus: number;
  intervalS: number;
  /** Memory power to use when the profile has none (the estimator's), and its basis line. */
  memoryFallback?: { watts: number; basis: string };
}

/** Integrates a measured profile's curve over sampled utilisation, as the estimator does with its model. */
export function createPowerProfileMeter(opts: PowerProfileMeterOptions): Meter {
  const memoryW = opts.profile.memoryW ?? opts.memoryFallback?.watts ?? 0;
  const memoryBasis =
    opts.profile.memoryW !== undefined
      ? `memory ${opts.profile.memoryW} W from the profile, constant`
      : (opts.memoryFallback?.basis ?? 'memory not in the profile: not counted');
  const power = powerProfileCurve(opts.profile, memoryW);
  return {
    describe: () => ({
      cpu: 'estimator',
      gpu: 'none',
      powerModel: `profile ${opts.label}`,
      basis: powerProfileBasis(opts.profile, opts.label, memoryBasis),
      intervalS: opts.intervalS,
      scope: 'CPU package + memory, modelled from a measured profile',
    }),
    start: () => startSession(power, opts),
  };
}

function startSession(power: PowerCurve, opts: PowerProfileMeterOptions): MeterSession {
  const idle = power(0);
  const usage = new UsageSampler(power, opts.logicalCpus, { idleW: idle.cpu + idle.memory });
  // One wake for the sampler and the runner's process-tree poll (src/io/shared-ticker.ts).
  const stopTicks = every(opts.intervalS * 1000, () => usage.tick());
  return {
    track: (pid, attach) => usage.track(pid, attach),
    async stop() {
      stopTicks();
      return usage.finish();
    },
  };
}
