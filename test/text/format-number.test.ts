import { equivalentsLine } from '../../src/report/carbon-lines.js';
import { describe, expect, it } from 'vitest';
import {
  fixed,
  formatDuration,
  formatEnergy,
  formatMass,
  grouped,
  plainDecimal,
  roundSignificant,
  secondsTenths,
  sig3,
  watts,
  whole,
  percentTenthsBelowTen,
} from '../../src/text/format-number.js';

/** Numbers and quantities: rounding, durations, energy, mass, power. Percents: format-percent.test.ts. */

const { POSITIVE_INFINITY: Inf, NEGATIVE_INFINITY: NegInf } = Number;

describe('roundSignificant', () => {
  it.each([
    [0, 3, 0],
    [0.012345, 3, 0.0123],
    [104.4, 3, 104],
    [999.6, 3, 1000],
    [-12.345, 3, -12.3],
    [1.23456e-12, 2, 1.2e-12],
    [9.87654e21, 3, 9.88e21],
    [123.456, 4, 123.5],
  ])('%s to %i digits → %s', (x, digits, expected) => expect(roundSignificant(x, digits)).toBe(expected));

  it('passes NaN and infinities through', () => {
    expect(roundSignificant(NaN, 3)).toBeNaN();
    expect(roundSignificant(Inf, 3)).toBe(Inf);
  });
});

describe('sig3', () => {
  it.each([
    [0, '0.00'],
    [0.0123, '0.0123'],
    [0.03125, '0.0313'],
    [4.5, '4.50'],
    [99.94, '99.9'],
    [99.96, '100'],
    [100, '100'],
    [123.5, '124'],
    [999.4, '999'],
    [999.6, '1000'],
    [1234.5, '1235'],
    [2.5e9, '2500000000'],
    [-4.5, '-4.50'],
    [NaN, 'NaN'],
    // No exponent notation, however small (issue 14: "4.27e-7 tree-months").
    [4.27e-7, '0.000000427'],
    [6.87e-5, '0.0000687'],
    [1e-9, '0.00000000100'],
  ])('%s → %s', (x, expected) => expect(sig3(x)).toBe(expected));
});

describe('fixed', () => {
  it.each([
    [0, 3, '0.000'],
    [0.91234, 3, '0.912'],
    [0.9995, 3, '1.000'],
    [-1.25, 1, '-1.3'],
    [-0.04, 1, '-0.0'],
    [12.5, 0, '13'],
    [NaN, 4, 'NaN'],
    [Inf, 1, 'Infinity'],
  ])('%s with %i decimals → %s', (x, decimals, expected) => expect(fixed(x, decimals)).toBe(expected));
});

describe('whole', () => {
  it.each([
    [0, '0'],
    [412.4, '412'],
    [412.5, '413'],
    [-2.5, '-2'],
    [-0.4, '0'],
    [1e21, '1e+21'],
    [NaN, 'NaN'],
  ])('%s → %s', (x, expected) => expect(whole(x)).toBe(expected));
});

describe('grouped', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [60000, '60,000'],
    [1234567.891, '1,234,567.891'],
    [0.91234, '0.912'],
    [-1500, '-1,500'],
    [NaN, 'NaN'],
    [Inf, '∞'],
  ])('%s → %s', (x, expected) => expect(grouped(x)).toBe(expected));
});

describe('plainDecimal', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [1.234e-8, '0.00000001234'],
    [0.5, '0.5'],
    [1, '1'],
    [12.3456789, '12.3457'],
    [-12.3456789, '-12.3457'],
    [1234567.89, '1234568'],
    [1e21, '1e+21'],
    [1e-30, '0'],
    [NaN, '0'],
    [Inf, '0'],
  ])('%s → %s', (n, expected) => expect(plainDecimal(n)).toBe(expected));

  it('takes the number of significant digits', () => {
    expect(plainDecimal(Math.PI, 3)).toBe('3.14');
    expect(plainDecimal(123456, 2)).toBe('123456');
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
    [3599.4, '59 m 59 s'],
    [3599.6, '1 h 00 m'],
    [3720, '1 h 02 m'],
    [90_000, '25 h 00 m'],
    [-0.5, '-500 ms'],
    [-125, '-2 m 05 s'],
    [1e-7, '0.000100 ms'],
    [NaN, 'n/a'],
    [Inf, 'n/a'],
    [NegInf, 'n/a'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatEnergy', () => {
  it.each([
    [0, '0 J'],
    [-0, '0 J'],
    [0.5, '500 mJ'],
    [0.0004, '0.400 mJ'],
    [0.9996, '1.00 J'],
    [12.34, '12.3 J'],
    [850, '850 J'],
    [1234, '1230 J'],
    [3599.9, '1.00 Wh'],
    [4560, '1.27 Wh'],
    [45_600, '12.7 Wh'],
    [4.56e6, '1.27 kWh'],
    [3.6e9, '1.00 MWh'],
    [3.6e12, '1000 MWh'],
    [7.2e15, '2000000 MWh'],
    [-12.34, '-12.3 J'],
    [-4.56e6, '-1.27 kWh'],
    [NaN, 'n/a'],
    [Inf, 'n/a'],
  ])('%s J → %s', (joules, text) => {
    expect(formatEnergy(joules)).toBe(text);
  });
});

describe('formatMass', () => {
  it.each([
    [0, '0 g'],
    [0.0123, '12.3 mg'],
    [0.00001, '0.0100 mg'],
    [4.56, '4.56 g'],
    [999.4, '999 g'],
    [999.6, '1.00 kg'],
    [1200, '1.20 kg'],
    [3.4e6, '3.40 t'],
    [1e9, '1000 t'],
    [2.5e9, '2500 t'],
    [-4.56, '-4.56 g'],
    [NegInf, 'n/a'],
    [NaN, 'n/a'],
  ])('%s g → %s', (grams, text) => {
    expect(formatMass(grams)).toBe(text);
  });
});

describe('secondsTenths', () => {
  it.each([
    [0, '0.0 s'],
    [2.345, '2.3 s'],
    [2.35, '2.4 s'],
    [-0.04, '-0.0 s'],
    [3600, '3600.0 s'],
    [NaN, 'NaN s'],
  ])('%s → %s', (x, expected) => expect(secondsTenths(x)).toBe(expected));
});

describe('watts', () => {
  it.each([
    [0, 0, '0 W'],
    [87.25, 1, '87.3 W'],
    [87.5, 0, '88 W'],
    [-3.14, 1, '-3.1 W'],
    [1234.5, 0, '1235 W'],
  ])('%s with %i decimals → %s', (w, decimals, expected) => expect(watts(w, decimals)).toBe(expected));
});

describe('issue 14: numbers that round to nothing', () => {
  it.each([
    [0, '0.0 %'],
    [0.04, '<0.1 %'],
    [0.05, '0.1 %'],
    [8.53, '8.5 %'],
    [104.4, '104 %'],
  ])('percentTenthsBelowTen(%s) → %s', (p, text) => expect(percentTenthsBelowTen(p)).toBe(text));

  it.each([
    [
      { smartphoneCharges: 1.2, carKm: 0.05, treeMonths: 0.000000427 },
      '≈ 1.20 smartphone charges, 0.0500 km by car',
    ],
    [{ smartphoneCharges: 0.0000687, carKm: 0.0001, treeMonths: 0.000000427 }, undefined],
  ])('equivalentsLine(%j) → %s', (e, line) => expect(equivalentsLine(e)).toBe(line));
});
