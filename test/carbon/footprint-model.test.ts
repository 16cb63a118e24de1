import { describe, expect, it } from 'vitest';
import { cleanerElsewhere } from '../../src/carbon/cleaner-elsewhere.js';
import {
  embodiedGrams,
  GITHUB_HOSTED_EMBODIED,
  resolveEmbodied,
  SECONDS_PER_YEAR,
} from '../../src/carbon/embodied.js';
import { equivalents } from '../../src/carbon/equivalents.js';
import { computeFootprint } from '../../src/carbon/footprint-calc.js';
import { greenAlgorithmsEnergyKwh } from '../../src/carbon/footprint.js';
import { perUnit } from '../../src/carbon/functional-unit.js';
import { project } from '../../src/carbon/projection.js';
import { resolvePue } from '../../src/carbon/pue.js';
import { resolveGridIntensity } from '../../src/carbon/region.js';

const grid = (code: string) => {
  const r = resolveGridIntensity({ flag: code });
  if (!r.ok) throw new Error(code);
  return r.grid;
};

describe('Green Algorithms formula', () => {
  it('their default case: 12 cores × 7.5 W, 64 GB, 12 h, PUE 1.56, 475 g/kWh → 2.131 kWh, 1,012 g', () => {
    const { energyKwh, powerW } = greenAlgorithmsEnergyKwh({
      cores: 12,
      tdpPerCoreW: 7.5,
      usage: 1,
      memoryGb: 64,
      hours: 12,
      pue: 1.56,
      memoryWPerGb: 0.3725,
    });
    expect(powerW).toBeCloseTo(1.56 * (90 + 23.84), 9);
    expect(energyKwh).toBeCloseTo(2.131, 3);
    expect(energyKwh * 475).toBeCloseTo(1012.27, 2);
  });

  it('computeFootprint does not apply PUE twice in that form', () => {
    const r = computeFootprint({
      grid: { ...grid('world'), intensityGPerKwh: 475 },
      pue: { value: 1.56, source: 'flag' },
      energy: { kind: 'green-algorithms', cores: 12, tdpPerCoreW: 7.5, usage: 1, memoryGb: 64, hours: 12 },
    });
    expect(r.energyKwh).toBeCloseTo(2.131, 3);
    expect(Math.round(r.operationalG)).toBe(1012);
    expect(r.totalG).toBe(r.operationalG);
    expect(r.provenance.energy.pueIncluded).toBe(true);
  });

  it('metered form: E × PUE × I', () => {
    const r = computeFootprint({
      grid: { ...grid('FR'), intensityGPerKwh: 50 },
      pue: { value: 1.2, source: 'flag' },
      energy: { kind: 'metered', energyKwh: 2 },
    });
    expect(r.operationalG).toBeCloseTo(120, 9);
    expect(r.provenance.energy.pueIncluded).toBe(false);
  });
});

describe('embodied carbon (SCI M)', () => {
  it.each([
    ['SCI example: 1,000 kg, 4 years, 1 h, whole machine', 1000, 4, 3600, 1, 28.54],
    ['same, share 4/128', 1000, 4, 3600, 4 / 128, 0.8918],
    ['GitHub-hosted runner, 1 h', 1151.7, 4, 3600, 4 / 128, 1.0271],
    ['nothing reserved for no time', 1000, 4, 0, 1, 0],
  ])('%s → %d g', (_label, kg, years, seconds, share, g) => {
    expect(
      embodiedGrams({ totalKg: kg, lifetimeS: years * SECONDS_PER_YEAR, share, source: 't' }, seconds),
    ).toBeCloseTo(g, 2);
  });

  it.each([
    [undefined, {}, null, /not counted/],
    [undefined, { GITHUB_ACTIONS: 'true', RUNNER_ENVIRONMENT: 'github-hosted' }, 1151.7, null],
    [undefined, { GITHUB_ACTIONS: 'true', RUNNER_ENVIRONMENT: 'self-hosted' }, null, /not counted/],
    ['github-hosted' as const, {}, 1151.7, null],
    ['none' as const, { GITHUB_ACTIONS: 'true', RUNNER_ENVIRONMENT: 'github-hosted' }, null, null],
    [{ totalKg: 500, lifetimeS: SECONDS_PER_YEAR, share: 0.5 }, {}, 500, null],
  ])('config %j, env %j → %s kg', (config, env, kg, notice) => {
    const r = resolveEmbodied(config, env);
    expect(r.model?.totalKg ?? null).toBe(kg);
    if (notice) expect(r.notices.join(' ')).toMatch(notice);
    else expect(r.notices).toEqual([]);
  });

  it('the GitHub-hosted default is 1,151.7 kg over 4 years at 4/128', () => {
    expect(GITHUB_HOSTED_EMBODIED).toMatchObject({
      totalKg: 1151.7,
      lifetimeS: 4 * 365 * 86400,
      share: 0.03125,
    });
  });
});

describe('resolvePue', () => {
  it.each([
    [{ flag: 1.3, config: 1.2 }, 1.3, 'flag'],
    [{ config: 1.2 }, 1.2, 'config'],
    [
      { cloud: { provider: 'gcp' as const, region: 'europe-west1', pue: 1.08, pueSource: 'google' } },
      1.08,
      /europe-west1 published PUE/,
    ],
    [{ cloud: { provider: 'azure' as const, region: 'eastus' } }, 1.12, /azure default PUE/],
    [{ cloud: { provider: 'aws' as const, region: 'us-east-1' } }, 1.2, /aws default PUE/],
    [{ provider: 'azure' as const }, 1.12, /azure default/],
    [{}, 1, /not set/],
  ])('%j → %d', (inputs, value, source) => {
    const r = resolvePue(inputs);
    expect(r.value).toBe(value);
    if (typeof source === 'string') expect(r.source).toBe(source);
    else expect(r.source).toMatch(source);
  });

  it('1.0 by default comes with a notice that overhead is not counted', () => {
    expect(resolvePue({}).notices.join(' ')).toMatch(/overhead is not counted/);
  });
});

describe('functional units, projection, equivalents, cleaner elsewhere', () => {
  it('per unit and per 1,000 units', () => {
    const u = perUnit({ name: 'inference', count: 500 }, 3600, 10);
    expect(u).toMatchObject({ energyJ: 7.2, co2eG: 0.02 });
    expect(u.per1000.energyKwh).toBeCloseTo(0.002, 12);
    expect(u.per1000.co2eG).toBeCloseTo(20, 12);
  });

  it('Patterson: (E_train + queries × E_inference) × PUE × I', () => {
    const p = project({
      config: { queriesPerDay: 1000, days: 30 },
      trainEnergyJ: 3.6e6,
      inferenceEnergyJPerQuery: 36,
      pue: 1.1,
      intensityGPerKwh: 100,
      basis: 'b',
    });
    expect(p.queries).toBe(30_000);
    expect(p.energyKwh).toBeCloseTo(1 + 0.3, 12);
    expect(p.co2eG).toBeCloseTo(1.3 * 1.1 * 100, 9);
  });

  it('equivalents: 0.012 kWh per phone charge, 175 g/km, 917 g per tree-month', () => {
    const e = equivalents(0.12, 1750);
    expect(e.smartphoneCharges).toBeCloseTo(10, 9);
    expect(e.carKm).toBeCloseTo(10, 9);
    expect(e.treeMonths).toBeCloseTo(1750 / 917, 9);
    expect(e.sources.smartphoneCharges).toMatch(/Luccioni/);
  });

  it.each(['azure', 'aws', 'gcp'] as const)('%s: cleanest is cleaner than dirtiest', (provider) => {
    const h = cleanerElsewhere(provider, 1)!;
    expect(h.cleanest.operationalG).toBeLessThan(h.dirtiest.operationalG);
    expect(h.cleanest.region.startsWith(`${provider}:`)).toBe(true);
  });
});
