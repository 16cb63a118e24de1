import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from '../../src/text/csv.js';
import { parseCsv } from './parse-csv.js';

describe('csvCell (RFC 4180, formula guard)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(csvCell(input)).toBe(expected));

  it.each([
    [0, '0'],
    [1.5, '1.5'],
    [2.5e-8, '2.5e-8'],
    [null, ''],
    [undefined, ''],
    [Number.NaN, ''],
  ])('number %j → %j', (input, expected) => expect(csvCell(input)).toBe(expected));

  it('round-trips names with commas, quotes and line breaks through an RFC 4180 reader', () => {
    const names = ['a,b', 'say "hi"', 'two\nlines', 'mixed, "all"\r\nthree', 'ünïcødé ✓'];
    const text = csvText([['name', 'n'], ...names.map((n, i) => [n, i])]);
    expect(parseCsv(text)).toEqual([['name', 'n'], ...names.map((n, i) => [n, String(i)])]);
  });
});
