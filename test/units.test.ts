import { describe, expect, it } from 'vitest';
import { formatEnergy, formatMass } from '../src/text/format-number.js';
import { DURATION_PATTERN, parseDuration, parseEnergy, parseMass } from '../src/units.js';

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
    ['918 mJ', 0.918],
  ] as const)('%s → %s J', (input, joules) => {
    expect(parseEnergy(input)).toBeCloseTo(joules, 6);
  });

  // Issue 14, first hour 8: every unit a report prints can be written in a budget.
  it.each([0.000918, 0.918, 12.3, 4321, 7.2e6, 3.6e9])('formatEnergy(%s) parses back', (joules) => {
    const printed = formatEnergy(joules);
    expect(parseEnergy(printed), printed).toBeCloseTo(joules, -Math.floor(Math.log10(joules)) + 2);
  });
  it.each([0.0123, 4.56, 1200, 3.4e6])('formatMass(%s) parses back', (grams) => {
    const printed = formatMass(grams);
    expect(parseMass(printed), printed).toBeCloseTo(grams, -Math.floor(Math.log10(grams)) + 2);
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
