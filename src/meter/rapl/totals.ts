import type { DomainRole } from './domains.js';
import { zoneLabel } from './zone.js';

/**
 * Wrap-aware energy totals over successive readings of RAPL counters. A counter that reads
 * lower than before has wrapped, so its range is added once; the sampling interval is chosen
 * (interval.ts) so that two wraps never fall between readings. A zone whose read fails stops
 * there: what it measured so far is kept and a note says from when energy is missing.
 */

export interface TrackedZone {
  id: string;
  name: string;
  role: DomainRole;
  maxRangeUj: number;
}

/** Energy between two readings of a counter that wraps after `rangeUj`. */
export function wrapDeltaUj(prevUj: number, nextUj: number, rangeUj: number): number {
  if (nextUj >= prevUj) return nextUj - prevUj;
  // A "wrap" past a range smaller than the old value is a broken range file: count nothing.
  return Math.max(0, nextUj + rangeUj - prevUj);
}

interface ZoneState {
  zone: TrackedZone;
  lastUj: number | null;
  lastS: number;
  joules: number;
  peakW: number;
  failedAtS: number | null;
}

export type EnergyByRole = Record<DomainRole, number>;

export class RaplTotals {
  private readonly states: ZoneState[];
  private startS: number | null = null;
  wraps = 0;

  constructor(zones: readonly TrackedZone[]) {
    this.states = zones.map((zone) => ({
      zone,
      lastUj: null,
      lastS: 0,
      joules: 0,
      peakW: 0,
      failedAtS: null,
    }));
  }

  /** One reading per zone (same order as the constructor's), null where the read failed. */
  add(tS: number, readingsUj: readonly (number | null)[]): void {
    this.startS ??= tS;
    this.states.forEach((s, i) => {
      if (s.failedAtS !== null) return;
      const uj = readingsUj[i] ?? null;
      if (uj === null) {
        s.failedAtS = tS;
        return;
      }
      if (s.lastUj !== null) {
        if (uj < s.lastUj) this.wraps++;
        const joules = wrapDeltaUj(s.lastUj, uj, s.zone.maxRangeUj) / 1e6;
        s.joules += joules;
        if (tS > s.lastS) s.peakW = Math.max(s.peakW, joules / (tS - s.lastS));
      }
      s.lastUj = uj;
      s.lastS = tS;
    });
  }

  joulesByRole(): EnergyByRole {
    const out: EnergyByRole = { package: 0, dram: 0, psys: 0 };
    for (const s of this.states) out[s.zone.role] += s.joules;
    return out;
  }

  /** Each zone's range and the highest power seen on it, for the next interval (interval.ts). */
  wrapLimits(): { rangeUj: number; peakW: number }[] {
    return this.states
      .filter((s) => s.failedAtS === null)
      .map((s) => ({ rangeUj: s.zone.maxRangeUj, peakW: s.peakW }));
  }

  notes(): string[] {
    return this.states
      .filter((s) => s.failedAtS !== null)
      .map((s) => {
        const after = s.failedAtS! - (this.startS ?? s.failedAtS!);
        return s.lastUj === null
          ? `RAPL ${zoneLabel(s.zone)} could not be read: its energy is missing`
          : `RAPL ${zoneLabel(s.zone)} stopped being readable after ${after.toFixed(1)} s: its energy after that is missing`;
      });
  }
}
