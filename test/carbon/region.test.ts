import { describe, expect, it } from 'vitest';
import { resolveGridIntensity } from '../../src/carbon/region.js';

describe('resolveGridIntensity', () => {
  it.each([
    [{ flag: 'FR', config: 'DE', env: 'SE' }, 'FR', 'flag'],
    [{ config: 'DE', env: 'SE' }, 'DE', 'config'],
    [{ env: 'se' }, 'SE', 'env'],
    [{ flag: '', env: 'SE' }, 'SE', 'env'],
    [{}, 'world', 'default'],
    [{ flag: 'world' }, 'world', 'flag'],
    [{ config: 'FRA' }, 'FRA', 'config'],
  ])('%j → %s from %s', (inputs, region, origin) => {
    const r = resolveGridIntensity(inputs);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.grid.region).toBe(region);
      expect(r.grid.origin).toBe(origin);
      expect(r.grid.intensityGPerKwh).toBeGreaterThan(0);
    }
  });

  it('the default is the world average, 475 g/kWh, with a visible notice', () => {
    const r = resolveGridIntensity({});
    expect(r.ok && r.grid.intensityGPerKwh).toBe(475);
    expect(r.ok && r.grid.notices.join(' ')).toMatch(/no region given.*475/);
  });

  it('France is lower than India, and FR equals FRA', () => {
    const fr = resolveGridIntensity({ flag: 'FR' });
    const fra = resolveGridIntensity({ flag: 'fra' });
    const india = resolveGridIntensity({ flag: 'IN' });
    if (!fr.ok || !fra.ok || !india.ok) throw new Error('expected known regions');
    expect(fr.grid.intensityGPerKwh).toBe(fra.grid.intensityGPerKwh);
    expect(fr.grid.intensityGPerKwh).toBeLessThan(india.grid.intensityGPerKwh);
    expect(fr.grid.year).toBeGreaterThanOrEqual(2022);
  });

  it.each([
    [{ flag: 'FX' }, 'flag', /^expected an ISO 3166-1 country code.*found "FX".*closest: /],
    [{ config: 'Narnia' }, 'config', /^expected .*found "Narnia"/],
    [{ env: 'ZZZZZZZZ' }, 'env', /^expected .*found "ZZZZZZZZ"$/],
  ])('unknown %j says where it came from and suggests', (inputs, origin, detail) => {
    const r = resolveGridIntensity(inputs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r).toMatchObject({ origin, detail: expect.stringMatching(detail) });
  });
});
