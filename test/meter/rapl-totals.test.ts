import { describe, expect, it } from 'vitest';
import { RaplTotals, wrapDeltaUj, type TrackedZone } from '../../src/meter/rapl/totals.js';

describe('wrapDeltaUj', () => {
  it.each([
    { prev: 100, next: 250, range: 1000, expected: 150 },
    { prev: 900, next: 50, range: 1000, expected: 150 },
    { prev: 0, next: 0, range: 1000, expected: 0 },
    // A range smaller than the last reading is broken: nothing rather than a negative.
    { prev: 900, next: 50, range: 500, expected: 0 },
  ])('$prev → $next (range $range) = $expected', ({ prev, next, range, expected }) => {
    expect(wrapDeltaUj(prev, next, range)).toBe(expected);
  });
});

const PKG: TrackedZone = { id: 'intel-rapl:0', name: 'package-0', role: 'package', maxRangeUj: 10e6 };
const DRAM: TrackedZone = { id: 'intel-rapl:0:2', name: 'dram', role: 'dram', maxRangeUj: 4e6 };

describe('RaplTotals', () => {
  it('adds the range once per wrap and sums by role', () => {
    const t = new RaplTotals([PKG, DRAM]);
    t.add(0, [9e6, 3e6]);
    t.add(1, [2e6, 1e6]); // package +3 J through a wrap, dram +2 J through a wrap
    t.add(2, [8e6, 2e6]); // +6 J, +1 J
    expect(t.joulesByRole()).toEqual({ package: 9, dram: 3, psys: 0 });
    expect(t.wraps).toBe(2);
    expect(t.wrapLimits()).toEqual([
      { rangeUj: 10e6, peakW: 6 },
      { rangeUj: 4e6, peakW: 2 },
    ]);
    expect(t.notes()).toEqual([]);
  });

  it('keeps what a zone measured before its reads failed, and says so', () => {
    const t = new RaplTotals([PKG, DRAM]);
    t.add(10, [0, 0]);
    t.add(11, [5e6, 1e6]);
    t.add(12.5, [null, 2e6]);
    t.add(13, [9e6, 3e6]); // package is back, but a wrap may have been missed: stays stopped
    expect(t.joulesByRole()).toEqual({ package: 5, dram: 3, psys: 0 });
    expect(t.notes()).toEqual([
      'RAPL intel-rapl:0 (package-0) stopped being readable after 2.5 s: its energy after that is missing',
    ]);
  });

  it('a zone unreadable from the start is reported as missing', () => {
    const t = new RaplTotals([PKG]);
    t.add(0, [null]);
    t.add(1, [5]);
    expect(t.joulesByRole().package).toBe(0);
    expect(t.notes()).toEqual(['RAPL intel-rapl:0 (package-0) could not be read: its energy is missing']);
  });
});
