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

  it('bridges a failed read when no two wraps fit in the gap', () => {
    const t = new RaplTotals([PKG, DRAM]);
    t.add(10, [0, 0]);
    t.add(11, [2e6, 1e6]); // package peak 2 W: a 10 J range takes 5 s to wrap
    t.add(12, [null, 2e6]);
    t.add(13, [6e6, 3e6]); // a 2 s gap < 5 s: the delta is exact
    expect(t.joulesByRole()).toEqual({ package: 6, dram: 3, psys: 0 });
    expect(t.notes()).toEqual([]);
  });

  it('drops a gap in which a wrap may have been missed, keeps the rest, and says so', () => {
    const t = new RaplTotals([PKG, DRAM]);
    t.add(10, [0, 0]);
    t.add(11, [5e6, 1e6]); // package peak 5 W: a 10 J range may wrap within 2 s
    t.add(12.5, [null, 2e6]);
    t.add(13, [9e6, 3e6]); // a 2 s gap: unknown, restart from 9e6
    t.add(14, [10e6 - 1, 4e6]);
    expect(t.joulesByRole().package).toBeCloseTo(6, 5);
    expect(t.joulesByRole().dram).toBe(4);
    expect(t.notes()).toEqual([
      'RAPL intel-rapl:0 (package-0): 1 failed read(s) left 2.0 s of energy unknown',
    ]);
  });

  it('a zone that stops being readable keeps what it measured', () => {
    const t = new RaplTotals([PKG]);
    t.add(0, [0]);
    t.add(1, [3e6]);
    t.add(2, [null]);
    expect(t.joulesByRole().package).toBe(3);
    expect(t.notes()).toEqual([
      'RAPL intel-rapl:0 (package-0) stopped being readable before the end: its energy after 1.0 s is missing',
    ]);
  });

  it('a zone unreadable from the start is reported as missing, or as late when it recovers', () => {
    const never = new RaplTotals([PKG]);
    never.add(0, [null]);
    never.add(1, [null]);
    expect(never.joulesByRole().package).toBe(0);
    expect(never.notes()).toEqual(['RAPL intel-rapl:0 (package-0) could not be read: its energy is missing']);
    const late = new RaplTotals([PKG]);
    late.add(0, [null]);
    late.add(1, [5]);
    late.add(2, [1e6 + 5]);
    expect(late.joulesByRole().package).toBe(1);
    expect(late.notes()).toEqual([
      'RAPL intel-rapl:0 (package-0) first readable after 1.0 s: its energy before is missing',
    ]);
  });
});
