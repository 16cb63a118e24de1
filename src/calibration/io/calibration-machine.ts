import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { RaplFound } from '../../meter/io/detect-rapl.js';
import { readSystemCpu } from '../../meter/io/procfs.js';
import { openRaplReader } from '../../meter/io/rapl-reader.js';
import type { CalibrationMachine } from '../run-calibration.js';
import type { LoadWorkers } from './load-workers.js';

/** This machine for calibration: load from worker threads, energy from RAPL, utilisation from /proc/stat. */
export function raplCalibrationMachine(
  rapl: RaplFound,
  workers: LoadWorkers,
): CalibrationMachine & { notes(): string[] } {
  const reader = openRaplReader(rapl.zones);
  const hasDram = rapl.zones.some((z) => z.role === 'dram');
  reader.sample();
  return {
    setLoad: (u) => workers.setLoad(u),
    read() {
      reader.sample();
      const j = reader.joules();
      const sys = readSystemCpu();
      return {
        tS: performance.now() / 1000,
        cpuJ: j.package + j.psys,
        dramJ: hasDram ? j.dram : null,
        busy: sys.busy,
        total: sys.total,
      };
    },
    sleep: (seconds) => sleep(seconds * 1000),
    notes: () => reader.notes(),
  };
}
