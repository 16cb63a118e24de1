import { describe, expect, it } from 'vitest';
import {
  DURATION_PATTERN,
  formatDuration,
  formatEnergy,
  formatMass,
  parseDuration,
  parseEnergy,
  parseMass,
} from '../src/units.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 0.5],
    ['30s', 30],
    ['10m', 600],
    ['1h', 3600],
    ['1.5s', 1.5],
    ['30 s', 30],
    ['0s', 0],
    ['0.25h', 900],
  ] as const)('%s → %s s', (input, seconds) => {
    expect(parseDuration(input)).toBeCloseTo(seconds, 9);
  });

  it.each([
    ['bare number', 30],
    ['bare numeric string', '30'],
    ['negative', '-5s'],
    ['unknown unit', '5d'],
    ['wrong case', '5S'],
    ['two spaces', '5  s'],
    ['leading dot', '.5s'],
    ['trailing dot', '5.s'],
    ['empty', ''],
    ['words', 'soon'],
    ['exponent', '1e3s'],
    ['overflow to Infinity', `${'9'.repeat(400)}h`],
    ['NaN number', Number.NaN],
  ] as const)('%s → null', (_label, input) => {
    expect(parseDuration(input)).toBeNull();
  });
});

describe('DURATION_PATTERN (published in the JSON Schema)', () => {
  it.each(['500ms', '30s', '10m', '1h', '1.5s', '30 s', '5d', '-5s', '.5s', '30', 'soon', '5  s'])(
    'agrees with parseDuration on %j',
    (input) => {
      expect(new RegExp(DURATION_PATTERN).test(input)).toBe(parseDuration(input) !== null);
    },
  );
});

describe('parseEnergy', () => {
  it.each([
    ['12J', 12],
    ['4.5 kJ', 4500],
    ['1Wh', 3600],
    ['2kWh', 7.2e6],
    ['1MWh', 3.6e9],
  ] as const)('%s → %s J', (input, joules) => {
    expect(parseEnergy(input)).toBeCloseTo(joules, 6);
  });

  it.each(['12', '12j', '1kwh', '1KWh', '-1J', '1 GJ'])('%s → null', (input) => {
    expect(parseEnergy(input)).toBeNull();
  });
});

describe('parseMass', () => {
  it.each([
    ['850mg', 0.85],
    ['12 g', 12],
    ['1.2kg', 1200],
    ['3t', 3e6],
  ] as const)('%s → %s g', (input, grams) => {
    expect(parseMass(input)).toBeCloseTo(grams, 9);
  });

  it.each(['12', '12G', '1 lb', '-2g', 'kg'])('%s → null', (input) => {
    expect(parseMass(input)).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [0.85, '850 ms'],
    [0.0123, '12.3 ms'],
    [0.9996, '1.00 s'],
    [3.0214, '3.02 s'],
    [59.9, '59.9 s'],
    [59.96, '1 m 00 s'],
    [125, '2 m 05 s'],
    [3599.6, '1 h 00 m'],
    [3720, '1 h 02 m'],
    [-0.5, '-500 ms'],
    [Number.NaN, 'n/a'],
    [Number.POSITIVE_INFINITY, 'n/a'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatEnergy', () => {
  it.each([
    [0, '0 J'],
    [0.5, '500 mJ'],
    [12.34, '12.3 J'],
    [850, '850 J'],
    [1234, '1230 J'],
    [3599.9, '1.00 Wh'],
    [4560, '1.27 Wh'],
    [45_600, '12.7 Wh'],
    [4.56e6, '1.27 kWh'],
    [3.6e9, '1.00 MWh'],
    [-12.34, '-12.3 J'],
    [Number.NaN, 'n/a'],
  ])('%s J → %s', (joules, text) => {
    expect(formatEnergy(joules)).toBe(text);
  });
});

describe('formatMass', () => {
  it.each([
    [0, '0 g'],
    [0.0123, '12.3 mg'],
    [4.56, '4.56 g'],
    [999.6, '1.00 kg'],
    [1200, '1.20 kg'],
    [3.4e6, '3.40 t'],
    [2.5e9, '2500 t'],
    [Number.NEGATIVE_INFINITY, 'n/a'],
  ])('%s g → %s', (grams, text) => {
    expect(formatMass(grams)).toBe(text);
  });
});
