import { secondsTenths } from '../../text/format-number.js';
import type { DomainRole } from './domains.js';
import { zoneLabel } from './zone.js';

/**
 * Wrap-aware energy totals over successive readings of RAPL counters. A counter that reads
 * lower than before has wrapped, so its range is added once; the sampling interval is chosen
 * (interval.ts) so that two wraps never fall between readings. A failed read is skipped: the next
 * good one bridges the gap when no two wraps can fit in it, else the gap's energy is dropped and a
 * note says how many seconds are missing. Nothing measured is ever thrown away.
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
  /** Failed reads so far, and whether the latest read failed. */
  failures: number;
  failing: boolean;
  missingS: number;
  firstS: number | null;
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
      failures: 0,
      failing: false,
      missingS: 0,
      firstS: null,
    }));
  }

  /** One reading per zone (same order as the constructor's), null where the read failed. */
  add(tS: number, readingsUj: readonly (number | null)[]): void {
    this.startS ??= tS;
    this.states.forEach((s, i) => {
      const uj = readingsUj[i] ?? null;
      s.failing = uj === null;
      if (uj === null) {
        s.failures++;
        return;
      }
      s.firstS ??= tS;
      if (s.lastUj !== null && !this.bridgeable(s, tS)) {
        // Two wraps could hide in this gap: its energy is unknown, so restart from this reading.
        s.missingS += tS - s.lastS;
      } else if (s.lastUj !== null) {
        if (uj < s.lastUj) this.wraps++;
        const joules = wrapDeltaUj(s.lastUj, uj, s.zone.maxRangeUj) / 1e6;
        s.joules += joules;
        if (tS > s.lastS) s.peakW = Math.max(s.peakW, joules / (tS - s.lastS));
      }
      s.lastUj = uj;
      s.lastS = tS;
    });
  }

  /** A gap after failed reads can be bridged when, at the highest power seen, it holds less than one range. */
  private bridgeable(s: ZoneState, tS: number): boolean {
    if (s.peakW <= 0) return true;
    return tS - s.lastS < s.zone.maxRangeUj / 1e6 / s.peakW;
  }

  joulesByRole(): EnergyByRole {
    const out: EnergyByRole = { package: 0, dram: 0, psys: 0 };
    for (const s of this.states) out[s.zone.role] += s.joules;
    return out;
  }

  /** Each zone's range and the highest power seen on it, for the next interval (interval.ts). */
  wrapLimits(): { rangeUj: number; peakW: number }[] {
    return this.states.map((s) => ({ rangeUj: s.zone.maxRangeUj, peakW: s.peakW }));
  }

  notes(): string[] {
    const out: string[] = [];
    for (const s of this.states) {
      const label = `RAPL ${zoneLabel(s.zone)}`;
      if (s.lastUj === null) out.push(`${label} could not be read: its energy is missing`);
      else if (s.failing)
        out.push(
          `${label} stopped being readable before the end: its energy after ${secondsTenths(s.lastS - (this.startS ?? s.lastS))} is missing`,
        );
      else if (s.firstS! > (this.startS ?? 0))
        out.push(
          `${label} first readable after ${secondsTenths(s.firstS! - this.startS!)}: its energy before is missing`,
        );
      else if (s.missingS > 0)
        out.push(
          `${label}: ${s.failures} failed read(s) left ${secondsTenths(s.missingS)} of energy unknown`,
        );
    }
    return out;
  }
}
