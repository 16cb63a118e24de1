import { afterEach, describe, expect, it } from 'vitest';
import {
  gridIdentity,
  gridMismatch,
  IntensityMethodSchema,
  methodNotMet,
  normaliseMethod,
  sourceLabel,
  type GridIdentity,
} from '../../src/carbon/grid-method.js';
import { electricityMapsIntensity } from '../../src/carbon/io/electricity-maps.js';
import { applyLiveSource } from '../../src/carbon/io/live-intensity.js';
import { resolveCarbon } from '../../src/carbon/io/resolve-carbon.js';
import { withAskedMethod, withExplicitIntensity, withLiveIntensity } from '../../src/carbon/live-grid.js';
import { resolveGridIntensity, type GridIntensity } from '../../src/carbon/region.js';
import { fakeProvider, json } from '../helpers/fake-provider.js';

const grid = (code: string): GridIntensity => {
  const r = resolveGridIntensity({ flag: code });
  if (!r.ok) throw new Error(r.detail);
  return r.grid;
};

describe('normaliseMethod: one vocabulary for every source', () => {
  it.each([
    ['lifecycle', 'lifecycle'],
    ['Lifecycle', 'lifecycle'],
    ['life-cycle', 'lifecycle'],
    ['life cycle', 'lifecycle'],
    ['LCA', 'lifecycle'],
    ['lifecycle (Ember via OWID)', 'lifecycle'],
    ['operational', 'operational'],
    ['direct', 'operational'],
    ['generation', 'operational'],
    ['  Combustion ', 'operational'],
    ['marginal', 'marginal'],
    ['MOER', 'marginal'],
    ['as given', 'as given'],
    ['explicit', 'as given'],
    ['unspecified', 'unspecified'],
    ['', 'unspecified'],
    ['average', 'unspecified'],
    ['lifecycles-ish', 'unspecified'],
    [undefined, 'unspecified'],
    [42, 'unspecified'],
  ])('%j → %s', (raw, method) => expect(normaliseMethod(raw)).toBe(method));

  it('the report field stays a string: known values as they are, other text normalised, non-strings refused', () => {
    expect(IntensityMethodSchema.parse('marginal')).toBe('marginal');
    expect(IntensityMethodSchema.parse('direct')).toBe('operational');
    expect(IntensityMethodSchema.parse('something else')).toBe('unspecified');
    expect(IntensityMethodSchema.safeParse(3).success).toBe(false);
    expect(IntensityMethodSchema.safeParse('x'.repeat(101)).success).toBe(false);
  });
});

describe('every intensity records a normalised method', () => {
  it.each([
    ['FR', 'lifecycle', 'Ember via OWID'],
    ['azure:westeurope', 'lifecycle', 'Ember via OWID'],
    ['US-WA', 'operational', 'Green Algorithms'],
    ['azure:eastus', 'operational', 'Green Algorithms'],
    ['SE3', 'unspecified', 'CodeCarbon Nordic zones (ENTSO-E)'],
    ['world', 'unspecified', 'IEA world average'],
  ])('%s: %s (%s)', (code, method, label) => {
    const g = grid(code);
    expect(g.method).toBe(method);
    expect(sourceLabel(g)).toBe(label);
  });

  it('--intensity is "as given"; a live answer is normalised ("direct" → operational)', () => {
    expect(withExplicitIntensity(grid('FR'), 50, 2026, '--intensity').method).toBe('as given');
    const live = withLiveIntensity(grid('DE'), 'electricity-maps', {
      gPerKwh: 300,
      method: 'direct',
      source: 'Electricity Maps live, zone DE (direct) at 2026-01-01T00:00:00Z',
    });
    expect(live.method).toBe('operational');
    expect(sourceLabel(live)).toBe('Electricity Maps');
  });
});

describe('gridIdentity and gridMismatch (pure)', () => {
  const owid: GridIdentity = {
    method: 'lifecycle',
    source: 'Ember via OWID',
    year: 2023,
  };

  it('identity: dataset label and year for embedded data; provider only, no year, for live figures', () => {
    const fr = grid('FR');
    expect(gridIdentity({ ...fr, intensityYear: fr.year })).toEqual({
      method: 'lifecycle',
      source: 'Ember via OWID',
      year: fr.year,
    });
    // Text no pattern knows stands for itself, shortened at its first clause.
    expect(sourceLabel({ source: 'given with --intensity' })).toBe('given with --intensity');
    expect(sourceLabel({ source: 'Some Tool (MIT): figures' })).toBe('Some Tool');
    expect(
      gridIdentity({
        method: 'lifecycle',
        source: 'Electricity Maps live, zone DE (lifecycle) at 2026-01-01T00:00:00Z',
        intensityYear: 2026,
        intensitySource: 'electricity-maps',
      }),
    ).toEqual({ method: 'lifecycle', source: 'Electricity Maps' });
    expect(gridIdentity(undefined)).toBeUndefined();
    expect(gridIdentity({ source: 'x' })).toBeUndefined();
  });

  it.each<[string, GridIdentity | undefined, GridIdentity | undefined, string[]]>([
    ['same grid', owid, { ...owid }, []],
    ['method differs', owid, { ...owid, method: 'operational' }, ['method: lifecycle → operational']],
    [
      'source differs',
      owid,
      { ...owid, source: 'Green Algorithms', year: undefined },
      ['source: Ember via OWID → Green Algorithms'],
    ],
    ['year differs', owid, { ...owid, year: 2022 }, ['year: 2023 → 2022']],
    [
      'all three',
      owid,
      { method: 'marginal', source: 'WattTime' },
      ['method: lifecycle → marginal', 'source: Ember via OWID → WattTime'],
    ],
    [
      'a live figure has no year to compare',
      { method: 'lifecycle', source: 'Electricity Maps' },
      { method: 'lifecycle', source: 'Electricity Maps' },
      [],
    ],
    [
      'unknown on both sides, same source',
      { method: 'as given', source: 'given with --intensity' },
      { method: 'as given', source: 'given with --intensity' },
      [],
    ],
    [
      'unspecified vs lifecycle',
      { method: 'unspecified', source: 'IEA world average', year: 2019 },
      owid,
      ['method: unspecified → lifecycle', 'source: IEA world average → Ember via OWID', 'year: 2019 → 2023'],
    ],
    ['baseline without a grid (older report or record)', undefined, owid, []],
    ['this run without a grid', owid, undefined, []],
  ])('%s', (_label, base, head, expected) => expect(gridMismatch(base, head)).toEqual(expected));

  it('a hostile label is clipped so the line fits the report', () => {
    const [line] = gridMismatch({ ...owid, source: 'x'.repeat(300) }, owid);
    expect(line!.length).toBeLessThan(400);
  });
});

describe('intensity.method', () => {
  it.each([
    [
      'FR',
      'operational',
      'grid intensity is lifecycle (Ember via OWID), not the operational asked for in intensity.method',
    ],
    [
      'US-WA',
      'lifecycle',
      'grid intensity is operational (Green Algorithms), not the lifecycle asked for in intensity.method',
    ],
    [
      'SE3',
      'marginal',
      'grid intensity is unspecified (CodeCarbon Nordic zones (ENTSO-E)), not the marginal asked for in intensity.method',
    ],
    ['FR', 'lifecycle', null],
    ['US-WA', 'operational', null],
  ] as const)('%s asked %s', (code, asked, line) => {
    const g = withAskedMethod(grid(code), asked);
    expect(g.methodAsked).toBe(asked);
    expect(methodNotMet(g)).toBe(line);
    if (line)
      expect(g.notices).toContain(`${line}: the figure is kept as the source gives it, not converted`);
    else expect(g.notices).toEqual([]);
    // The figure is never converted.
    expect(g.intensityGPerKwh).toBe(grid(code).intensityGPerKwh);
  });

  it('nothing asked: nothing recorded, nothing said', () => {
    const g = withAskedMethod(grid('FR'), undefined);
    expect(g).toEqual(grid('FR'));
    expect(methodNotMet(g)).toBeNull();
  });

  it('resolveCarbon: a source that cannot give the method keeps its figure, with a notice', async () => {
    const setup = await resolveCarbon({
      region: { config: 'FR' },
      pue: {},
      intensity: { sourceConfig: 'embedded', method: 'operational' },
      env: {},
    });
    expect(setup.grid).toMatchObject({ method: 'lifecycle', methodAsked: 'operational' });
    expect(setup.grid.intensityGPerKwh).toBe(grid('FR').intensityGPerKwh);
    expect(setup.grid.notices.join('\n')).toContain(
      'grid intensity is lifecycle (Ember via OWID), not the operational asked for in intensity.method',
    );
  });
});

describe('Electricity Maps: the method is asked for (emissionFactorType)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  const answer = (type?: string) => ({
    zone: 'DE',
    carbonIntensity: 321,
    datetime: '2026-01-01T10:00:00.000Z',
    ...(type ? { emissionFactorType: type } : {}),
  });

  it.each([
    ['operational', '&emissionFactorType=direct', 'direct', 'operational'],
    ['lifecycle', '&emissionFactorType=lifecycle', 'lifecycle', 'lifecycle'],
    ['marginal', '', 'lifecycle', 'lifecycle'],
    [undefined, '', undefined, 'lifecycle'],
    // An answer without the field: the factors asked for.
    ['operational', '&emissionFactorType=direct', undefined, 'operational'],
  ] as const)('asked %s → query %j; answer %s → %s', async (method, query, type, recorded) => {
    const p = await fakeProvider({ '/v3/carbon-intensity/latest': json(answer(type)) });
    close = p.close;
    const live = await electricityMapsIntensity({
      zone: 'DE',
      token: 't',
      env: { CARBON_GATE_ELECTRICITYMAPS_URL: p.url },
      ...(method ? { method } : {}),
    });
    expect(p.requests[0]!.url).toBe(`/v3/carbon-intensity/latest?zone=DE${query}`);
    expect(normaliseMethod(live.method)).toBe(recorded);
  });

  it('through applyLiveSource and withAskedMethod: marginal cannot be had, so the figure says lifecycle', async () => {
    const p = await fakeProvider({ '/v3/carbon-intensity/latest': json(answer('lifecycle')) });
    close = p.close;
    const out = await applyLiveSource(grid('DE'), {
      source: 'electricity-maps',
      method: 'marginal',
      credentials: { electricityMapsToken: 't', notices: [] },
      env: { CARBON_GATE_ELECTRICITYMAPS_URL: p.url },
    });
    const g = withAskedMethod(out.grid, 'marginal');
    expect(g).toMatchObject({
      method: 'lifecycle',
      intensityGPerKwh: 321,
      intensitySource: 'electricity-maps',
    });
    expect(methodNotMet(g)).toBe(
      'grid intensity is lifecycle (Electricity Maps), not the marginal asked for in intensity.method',
    );
  });
});
