import { describe, expect, it } from 'vitest';
import {
  markdownRatioChange,
  percentCompact,
  percentFixed,
  percentSignificant,
  percentTenthsBelowTen,
  percentWhole,
  ratioChangeWithInterval,
  signedPercent,
} from '../../src/text/format-number.js';

/** Percents and ratio changes, terminal and PR comment. Numbers and quantities: format-number.test.ts. */

const { POSITIVE_INFINITY: Inf, NEGATIVE_INFINITY: NegInf } = Number;

describe('signedPercent (terminal, ASCII minus, no unit)', () => {
  it.each([
    [0, '+0.0'],
    [-0, '+0.0'],
    [0.124, '+12.4'],
    [-0.031, '-3.1'],
    [-0.0004, '+0.0'],
    [0.0004, '+0.0'],
    [0.00051, '+0.1'],
    [-0.00051, '-0.1'],
    [-1, '-100.0'],
    [12.345, '+1234.5'],
    [1e6, '+100000000.0'],
    [NaN, 'n/a'],
    [Inf, 'n/a'],
    [NegInf, 'n/a'],
  ])('%s → %s', (fraction, expected) => expect(signedPercent(fraction)).toBe(expected));
});

describe('ratioChangeWithInterval (terminal)', () => {
  it.each([
    [1.124, [1.081, 1.169], '+12.4 % [+8.1, +16.9]'],
    [0.9, [0.85, 0.95], '-10.0 % [-15.0, -5.0]'],
    [1, [0.99, 1.01], '+0.0 % [-1.0, +1.0]'],
    [1.03, null, '+3.0 % [no interval]'],
    [NaN, null, 'n/a % [no interval]'],
  ] as const)('%s %j → %s', (ratio, ci, expected) =>
    expect(ratioChangeWithInterval(ratio, ci)).toBe(expected),
  );
});

describe('markdownRatioChange (PR comment, U+2212 minus)', () => {
  it.each([
    [1.123, '+12.3 %'],
    [0.969, '\u22123.1 %'],
    [1, '±0.0 %'],
    [0.99999, '\u22120.0 %'],
    [1.00001, '+0.0 %'],
    [0, '\u2212100.0 %'],
    [3, '+200.0 %'],
  ])('%s → %s', (ratio, expected) => expect(markdownRatioChange(ratio)).toBe(expected));

  it('never uses an ASCII hyphen for the sign', () => expect(markdownRatioChange(0.5)).not.toMatch(/^-/));
});

describe('percentSignificant (a percent; terminal budget use)', () => {
  it.each([
    [0, '0 %'],
    [0.0123, '0.012 %'],
    [8.53, '8.5 %'],
    [9.96, '10 %'],
    [12.3, '12 %'],
    [99.4, '99 %'],
    [99.6, '100 %'],
    [104.4, '104 %'],
    [1234, '1230 %'],
    [-5.55, '-5.5 %'],
    [NaN, 'NaN %'],
  ])('%s → %s', (percent, expected) => expect(percentSignificant(percent)).toBe(expected));
});

describe('percentTenthsBelowTen (a percent; PR comment budget use)', () => {
  it.each([
    [0, '0.0 %'],
    [0.0123, '<0.1 %'], // not nothing: never "0.0 %" (issue 14)
    [8.53, '8.5 %'],
    [9.96, '10.0 %'],
    [10, '10 %'],
    [12.5, '13 %'],
    [104.4, '104 %'],
    [1234, '1234 %'],
    [-5.55, '-5.5 %'],
  ])('%s → %s', (percent, expected) => expect(percentTenthsBelowTen(percent)).toBe(expected));
});

describe('percentFixed (a fraction)', () => {
  it.each([
    [0, 1, '0.0 %'],
    [0.1234, 1, '12.3 %'],
    [0.8, 1, '80.0 %'],
    [1.5, 0, '150 %'],
    [0.5, 0, '50 %'],
    [0.005, 0, '1 %'],
    [-0.0004, 1, '-0.0 %'],
    [NaN, 1, 'NaN %'],
  ])('%s with %i decimals → %s', (fraction, decimals, expected) =>
    expect(percentFixed(fraction, decimals)).toBe(expected),
  );
});

describe('percentWhole (a fraction)', () => {
  it.each([
    [0, '0 %'],
    [0.6, '60 %'],
    [0.125, '13 %'],
    [0.994, '99 %'],
    [1, '100 %'],
    [-0.004, '0 %'],
    [-0.125, '-12 %'],
  ])('%s → %s', (fraction, expected) => expect(percentWhole(fraction)).toBe(expected));
});

describe('percentCompact (a fraction; TF.js runner summary, no space)', () => {
  it.each([
    [0, '0.0%'],
    [0.054, '5.4%'],
    [0.0999, '10.0%'],
    [0.1, '10%'],
    [0.4, '40%'],
    [1, '100%'],
  ])('%s → %s', (fraction, expected) => expect(percentCompact(fraction)).toBe(expected));
});
