import type { CalibrationReading } from '../../src/calibration/calibration-fit.js';
import type { CalibrationMachine } from '../../src/calibration/run-calibration.js';

export interface SimulatedMachineSpec {
  /** Package power at a utilisation, W. */
  cpuW: (utilisation: number) => number;
  dramW?: number;
  /** Utilisation the machine shows for a duty-cycle target (default: exactly the target). */
  achieved?: (target: number) => number;
  /** Seconds after a load change during which power still follows the previous load. */
  lagS?: number;
}

/** A machine on a virtual clock: sleeping advances time and integrates its power curve instantly. */
export function simulatedMachine(
  spec: SimulatedMachineSpec,
): CalibrationMachine & { readonly clockS: number } {
  const achieved = spec.achieved ?? ((t: number) => t);
  let clockS = 0;
  let u = achieved(0);
  let previousU = u;
  let changedAtS = 0;
  const r: CalibrationReading = {
    tS: 0,
    cpuJ: 0,
    dramJ: spec.dramW === undefined ? null : 0,
    busy: 0,
    total: 0,
  };
  const advance = (dt: number, util: number) => {
    r.cpuJ += spec.cpuW(util) * dt;
    if (r.dramJ !== null) r.dramJ += (spec.dramW ?? 0) * dt;
    r.busy += util * dt * 100;
    r.total += dt * 100;
    clockS += dt;
    r.tS = clockS;
  };
  return {
    get clockS() {
      return clockS;
    },
    setLoad(target) {
      previousU = u;
      u = achieved(target);
      changedAtS = clockS;
    },
    read: () => ({ ...r }),
    async sleep(seconds) {
      const lagLeft = Math.max(0, Math.min(seconds, changedAtS + (spec.lagS ?? 0) - clockS));
      if (lagLeft > 0) advance(lagLeft, previousU);
      advance(seconds - lagLeft, u);
    },
  };
}
