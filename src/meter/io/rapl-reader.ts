import { performance } from 'node:perf_hooks';
import type { SelectedZone } from '../rapl/domains.js';
import { wrapSafeIntervalS } from '../rapl/interval.js';
import { RaplTotals, type EnergyByRole } from '../rapl/totals.js';
import { readEnergyUj } from './powercap.js';

/** Reads the chosen RAPL counters and keeps wrap-corrected totals since the first read. */
export interface RaplReader {
  sample(): void;
  joules(): EnergyByRole;
  /** How long until the next read may wait without missing a wrap (see rapl/interval.ts). */
  nextIntervalS(configuredS: number): number;
  notes(): string[];
  wraps(): number;
}

export function openRaplReader(zones: readonly SelectedZone[]): RaplReader {
  const totals = new RaplTotals(zones);
  return {
    sample: () => totals.add(performance.now() / 1000, zones.map(readEnergyUj)),
    joules: () => totals.joulesByRole(),
    nextIntervalS: (configuredS) => wrapSafeIntervalS(configuredS, totals.wrapLimits()),
    notes: () => totals.notes(),
    wraps: () => totals.wraps,
  };
}
