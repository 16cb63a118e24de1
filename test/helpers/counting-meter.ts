import type { Measurement, Meter } from '../../src/meter/types.js';

/** A meter that records how it is used and measures a fixed 10 J per session; the real meters are tested on their own. */
export function countingMeter() {
  const tracked: number[] = [];
  let sessions = 0;
  const meter: Meter = {
    describe: () => ({ cpu: 'estimator', gpu: 'none', powerModel: 'test', basis: [], intervalS: 0.5 }),
    start: () => {
      sessions++;
      return {
        track: (pid) => tracked.push(pid),
        stop: async (): Promise<Measurement> => ({
          durationS: 1,
          energyJ: 10,
          breakdownJ: { cpu: 8, memory: 2, gpu: 0 },
          utilisation: 0.5,
          processCpuS: 0.5,
          processShare: 0.5,
          samples: 2,
          notes: [],
        }),
      };
    },
  };
  return { meter, tracked, sessions: () => sessions };
}
