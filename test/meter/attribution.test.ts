import { describe, expect, it } from 'vitest';
import { attributedJ, quietestPowerW } from '../../src/meter/attribution.js';
import type { SeriesPoint, Span } from '../../src/meter/task-window.js';

// A 2-CPU machine idling at 20 W, +40 W per busy CPU (60 W at u = 0.5, 100 W at u = 1), over 10 s.
const machine = (busyCpus: number, treeCpus: number): Span => ({
  durationS: 10,
  energyJ: (20 + 40 * busyCpus) * 10,
  busy: busyCpus,
  total: 2,
  treeCpuS: treeCpus * 10,
});

describe('attributedJ', () => {
  it.each([
    // quiet machine, the benchmark on one CPU: all dynamic energy (400 J) and half of idle (100 of 200 J)
    ['alone on one CPU', machine(1, 1), 500],
    // a neighbour on the other CPU: the same 500 J, although the machine drew 1000 J
    ['beside a neighbour on the other CPU', machine(2, 1), 500],
    // a neighbour using half a CPU: still 500 J
    ['beside half a CPU of other load', machine(1.5, 1), 500],
    // the benchmark on both CPUs: everything
    ['on both CPUs', machine(2, 2), 1000],
    ['with no CPU time of its own', machine(1, 0), 0],
  ])('%s → %d J', (_name, span, want) => {
    expect(attributedJ(span, 2, 20)).toBeCloseTo(want, 9);
  });

  it.each([
    ['no time', { ...machine(1, 1), durationS: 0 }],
    ['no energy', { ...machine(1, 1), energyJ: 0 }],
  ])('is 0 with %s', (_name, span) => {
    expect(attributedJ(span, 2, 20)).toBe(0);
  });

  it('never gives more than the energy measured, whatever the counters say', () => {
    const span = { ...machine(1, 1), treeCpuS: 50, busy: 0 };
    expect(attributedJ(span, 2, 20)).toBeLessThanOrEqual(span.energyJ);
    expect(attributedJ({ ...machine(1, 1), energyJ: 50 }, 2, 20)).toBeLessThanOrEqual(50);
  });
});

const at = (tS: number, energyJ: number): SeriesPoint => ({ tS, energyJ, busy: 0, total: 0, treeCpuS: 0 });

describe('quietestPowerW', () => {
  it.each([
    ['the lowest mean power over an interval', [at(0, 0), at(1, 50), at(2, 80), at(3, 140)], 30],
    ['skipping intervals too short to mean anything', [at(0, 0), at(1, 50), at(1.01, 50.01)], 50],
    ['never below 0', [at(0, 10), at(1, 5)], 0],
    ['none with one reading', [at(0, 0)], null],
  ])('%s', (_name, series, want) => {
    expect(quietestPowerW(series)).toBe(want);
  });
});
