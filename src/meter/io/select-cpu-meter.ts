import { loadPowerProfile } from '../../power-profile/io/load-power-profile.js';
import { powerProfileCpuMismatch } from '../../power-profile/describe.js';
import { MEMORY_W_PER_GB } from '../estimator-params.js';
import { roundSignificant } from '../../text/format-number.js';
import type { Meter } from '../types.js';
import { detectMachine } from './detect.js';
import { detectRapl } from './detect-rapl.js';
import { createPowerProfileMeter } from './power-profile-meter.js';
import { createRaplMeter } from './rapl-meter.js';

export interface CpuMeterOptions {
  intervalS: number;
  /** A power profile file (already resolved against the config's directory). */
  profilePath?: string;
  estimator: () => Meter;
}

/**
 * The best CPU meter this machine allows: RAPL when its counters are readable (a measurement),
 * else the committed power profile (a model measured on this kind of runner), else the
 * estimator. `notes` say what was passed over and how to get RAPL when it exists but is
 * locked; nothing is said when there is no powercap at all (VMs, CI runners), which is normal.
 * A broken profile file is a ConfigError (exit 2) even where RAPL wins, so a config never
 * passes on one machine and fails on another.
 */
export function createCpuMeter(opts: CpuMeterOptions): { meter: Meter; notes: string[] } {
  const loaded = opts.profilePath !== undefined ? loadPowerProfile(opts.profilePath) : null;
  const rapl = detectRapl();
  if (rapl.ok) {
    const { topology } = detectMachine();
    const meter = createRaplMeter({ rapl, logicalCpus: topology.logicalCpus, intervalS: opts.intervalS });
    const unused = loaded
      ? [`power profile ${loaded.label} not used: RAPL measures this machine directly`]
      : [];
    return { meter, notes: [...rapl.notes, ...unused] };
  }
  const notes = rapl.present ? [rapl.reason] : [];
  if (!loaded) return { meter: opts.estimator(), notes };
  const machine = detectMachine();
  const mismatch = powerProfileCpuMismatch(loaded.profile, loaded.label, machine.topology.model);
  const gb = roundSignificant(machine.memoryBytes / 1024 ** 3, 3);
  const meter = createPowerProfileMeter({
    profile: loaded.profile,
    label: loaded.label,
    logicalCpus: machine.topology.logicalCpus,
    intervalS: opts.intervalS,
    memoryFallback: {
      watts: gb * MEMORY_W_PER_GB,
      basis: `memory not in the profile: ${gb} GB × ${MEMORY_W_PER_GB} W/GB, as the estimator models it`,
    },
  });
  return { meter, notes: mismatch ? [...notes, mismatch] : notes };
}
