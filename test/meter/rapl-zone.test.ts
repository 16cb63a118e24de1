import { describe, expect, it } from 'vitest';
import { parseMicrojoules, parseZoneId } from '../../src/meter/rapl/zone.js';
import { MIN_INTERVAL_S, wrapSafeIntervalS } from '../../src/meter/rapl/interval.js';

describe('parseZoneId', () => {
  it.each([
    ['intel-rapl:0', { provider: 'intel-rapl', parent: null }],
    ['intel-rapl:1:2', { provider: 'intel-rapl', parent: 'intel-rapl:1' }],
    ['intel-rapl-mmio:0', { provider: 'intel-rapl-mmio', parent: null }],
    ['intel-rapl-mmio:0:0', { provider: 'intel-rapl-mmio', parent: 'intel-rapl-mmio:0' }],
    ['intel-rapl', null],
    ['intel-rapl:', null],
    ['intel-rapl:x', null],
    ['dtpm:0', null],
  ])('%s', (id, expected) => {
    expect(parseZoneId(id)).toEqual(expected);
  });
});

describe('parseMicrojoules: a whole number of µJ or nothing', () => {
  it.each([
    ['123456\n', 123456],
    ['0', 0],
    ['  262143328850 \n', 262143328850],
    ['', null],
    ['\n', null],
    ['abc', null],
    ['-5', null],
    ['1.5', null],
    ['1e9', null],
    ['12 34', null],
    ['99999999999999999', null],
  ])('%j → %s', (text, expected) => {
    expect(parseMicrojoules(text)).toBe(expected);
  });
});

describe('wrapSafeIntervalS: never two wraps between reads', () => {
  it.each([
    // Intel's 262 kJ range at the 1 kW ceiling wraps every 262 s: the configured interval wins.
    { configured: 0.5, zones: [{ rangeUj: 262_143_328_850, peakW: 0 }], expected: 0.5 },
    // 60 J at 1 kW would wrap every 60 ms: read every 30 ms.
    { configured: 0.5, zones: [{ rangeUj: 60e6, peakW: 10 }], expected: 0.03 },
    // Observed power above the ceiling shortens it further.
    { configured: 0.5, zones: [{ rangeUj: 60e6, peakW: 3000 }], expected: 0.01 },
    // The smallest range among zones decides.
    {
      configured: 1,
      zones: [
        { rangeUj: 262e9, peakW: 0 },
        { rangeUj: 100e6, peakW: 0 },
      ],
      expected: 0.05,
    },
    // A tiny or broken range is floored instead of busy-looping.
    { configured: 0.5, zones: [{ rangeUj: 1, peakW: 0 }], expected: MIN_INTERVAL_S },
  ])('range $zones.0.rangeUj µJ → $expected s', ({ configured, zones, expected }) => {
    expect(wrapSafeIntervalS(configured, zones)).toBeCloseTo(expected, 9);
  });
});
