import { describe, expect, it } from 'vitest';
import { allCountryCodes, findCountry, worldAverage } from '../../src/data/grid-countries.js';

describe('findCountry', () => {
  it.each(['FR', 'FRA', 'fr', 'fra', ' Fr '])('%j is France', (code) => {
    expect(findCountry(code)).toEqual({ alpha2: 'FR', alpha3: 'FRA', name: 'France', gPerKwh: 56, year: 2023 });
  });

  it.each([
    ['SE', 'lt', 100],
    ['NO', 'lt', 100],
    ['IN', 'gt', 500],
    ['PL', 'gt', 500],
  ] as const)('%s is %s %i g/kWh', (code, side, bound) => {
    const gPerKwh = findCountry(code)?.gPerKwh ?? Number.NaN;
    if (side === 'lt') expect(gPerKwh).toBeLessThan(bound);
    else expect(gPerKwh).toBeGreaterThan(bound);
  });

  it.each(['XX', 'XXX', '', 'F', 'FRAN', 'world', 'OWID_WRL'])('%j -> null', (code) => {
    expect(findCountry(code)).toBeNull();
  });

  it('returns a copy that callers cannot use to alter the table', () => {
    const first = findCountry('DE');
    if (first) first.gPerKwh = 0;
    expect(findCountry('DE')?.gPerKwh).toBeGreaterThan(0);
  });
});

describe('worldAverage', () => {
  it('is the IEA 2019 figure', () => {
    expect(worldAverage()).toMatchObject({ gPerKwh: 475, year: 2019 });
  });
});

describe('allCountryCodes', () => {
  it('lists alpha-2 and alpha-3 codes, upper case, sorted, each resolvable', () => {
    const codes = allCountryCodes();
    expect(codes).toContain('FR');
    expect(codes).toContain('FRA');
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(findCountry(code), code).not.toBeNull();
  });
});
