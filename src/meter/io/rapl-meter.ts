import type { PowerCurve } from '../accumulator.js';
import { wrapSafeIntervalS } from '../rapl/interval.js';
import type { Meter, MeterSession } from '../types.js';
import type { RaplFound } from './detect-rapl.js';
import { openRaplReader } from './rapl-reader.js';
import { UsageSampler } from './usage-sampler.js';

export interface RaplMeterOptions {
  rapl: RaplFound;
  logicalCpus: number;
  intervalS: number;
}

// RAPL measures the energy; the usage sampler only supplies utilisation and the tree's share.
const NO_MODEL: PowerCurve = () => ({ cpu: 0, memory: 0 });

/** Machine energy from RAPL counters, with the benchmark's share by process-tree CPU time. */
export function createRaplMeter(opts: RaplMeterOptions): Meter {
  const { rapl } = opts;
  const hasDram = rapl.zones.some((z) => z.role === 'dram');
  const firstIntervalS = wrapSafeIntervalS(
    opts.intervalS,
    rapl.zones.map((z) => ({ rangeUj: z.maxRangeUj, peakW: 0 })),
  );
  return {
    describe: () => ({
      cpu: 'rapl',
      gpu: 'none',
      powerModel: `rapl (powercap ${rapl.provider})`,
      scope: rapl.scope === 'psys' ? 'platform (psys)' : hasDram ? 'CPU package + DRAM' : 'CPU package',
      basis: [
        ...rapl.basis,
        `counters read every ${firstIntervalS} s at most, so that no counter can wrap twice between reads; a wrap adds the zone's max_energy_range_uj once`,
      ],
      intervalS: opts.intervalS,
    }),
    start: () => startSession(opts),
  };
}

function startSession(opts: RaplMeterOptions): MeterSession {
  const reader = openRaplReader(opts.rapl.zones);
  // Every reading (interval ticks and task markers) reads the counters too: windows start and end on them.
  // No model of idle power: attribution takes the quietest interval's (attribution.ts).
  const usage = new UsageSampler(NO_MODEL, opts.logicalCpus, {
    readEnergyJ: () => {
      reader.sample();
      return measured(reader.joules()).energyJ;
    },
  });
  let timer: NodeJS.Timeout;
  // setTimeout rather than setInterval: the safe interval can shrink once power is observed.
  const schedule = () => {
    timer = setTimeout(tick, reader.nextIntervalS(opts.intervalS) * 1000);
    timer.unref();
  };
  const tick = () => {
    usage.tick();
    schedule();
  };
  schedule();
  return {
    track: (pid, attach) => usage.track(pid, attach),
    async stop() {
      clearTimeout(timer);
      // finish() takes the last reading (counters included); the measured energy replaces the model's.
      return usage.finish(() => ({ ...measured(reader.joules()), notes: reader.notes() }));
    },
  };
}

function measured(j: { package: number; psys: number; dram: number }) {
  const cpu = j.package + j.psys;
  return { energyJ: cpu + j.dram, breakdownJ: { cpu, memory: j.dram, gpu: 0 } };
}
