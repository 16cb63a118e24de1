import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  electricityMapsForecast,
  forecastFor,
  ukForecast,
  wattTimeForecast,
} from '../../src/carbon/io/forecast.js';
import { ProviderError } from '../../src/carbon/io/provider-error.js';
import { resolveCarbon } from '../../src/carbon/io/resolve-carbon.js';
import { resolveGridIntensity, type GridIntensity } from '../../src/carbon/region.js';
import { fakeProvider, flaky, hang, json, type Handler } from '../helpers/fake-provider.js';

/**
 * The forecast clients against stand-ins on 127.0.0.1. Fixtures (test/fixtures/providers/README.md says
 * where each shape comes from):
 * - uk-intensity-fw48h.json: UK Carbon Intensity GET /intensity/{from}/fw48h, half-hour slots;
 * - electricity-maps-forecast.json: Electricity Maps GET /v3/carbon-intensity/forecast?zone=DE, hourly;
 * - watttime-login.json + watttime-forecast-dip.json: WattTime v3 GET /login, GET /v3/forecast (5 min).
 */
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/providers/${name}`, import.meta.url), 'utf8'));

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(routes: Record<string, Handler>) {
  const p = await fakeProvider(routes);
  close = p.close;
  return p;
}

const NOW = new Date('2024-05-01T12:10:00Z');
const UK_PATH = '/intensity/2024-05-01T12:00Z/fw48h';
const FAST = { timeoutMs: 300 };

// The faults the issue names, for every client: each ends as a ProviderError of its kind.
const FAULTS: [string, string, Handler][] = [
  ['401', 'auth', json({ message: 'unauthorised' }, 401)],
  ['403', 'auth', json({ message: 'forbidden' }, 403)],
  ['429 twice', 'rate-limit', json({ message: 'slow down' }, 429)],
  ['500', 'server', json({ message: 'oops' }, 500)],
  ['timeout', 'timeout', hang],
  ['malformed JSON', 'malformed', json('{"data": [')],
  ['the wrong shape', 'malformed', json({ zone: 'DE', data: 'soon' })],
  ['a negative intensity', 'malformed', json({ data: [{ value: -1 }], forecast: [{ carbonIntensity: -1 }] })],
];

async function fault(call: Promise<unknown>): Promise<ProviderError> {
  const err = await call.then(
    () => new Error('expected a ProviderError'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('UK Carbon Intensity forecast', () => {
  it('GET /intensity/{from}/fw48h from the half hour holding now; half-hour slots, forecast figures', async () => {
    const p = await serve({ [UK_PATH]: json(fixture('uk-intensity-fw48h.json')) });
    const f = await ukForecast({ env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url }, now: NOW });
    expect(p.requests.map((r) => r.url)).toEqual([UK_PATH]);
    expect(f).toMatchObject({ intensitySource: 'uk', method: 'operational', fetchedAt: NOW.toISOString() });
    expect(f.points).toHaveLength(16);
    // The first slot's figure is its forecast (266), not its actual (263): one kind of figure throughout.
    expect(f.points[0]).toEqual({ startMs: Date.parse('2024-05-01T12:00Z'), slotS: 1800, gPerKwh: 266 });
    expect(f.points[10]!.gPerKwh).toBe(140);
  });

  it('429 then success: one retry, the forecast', async () => {
    const p = await serve({ [UK_PATH]: flaky(1, 429, fixture('uk-intensity-fw48h.json')) });
    const f = await ukForecast({ env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url }, now: NOW });
    expect(f.points).toHaveLength(16);
    expect(p.requests).toHaveLength(2);
  });

  it.each(FAULTS)('%s → ProviderError (%s)', async (_label, kind, handler) => {
    const p = await serve({ [UK_PATH]: handler });
    const err = await fault(
      ukForecast({ env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url }, now: NOW, ...FAST }),
    );
    expect(err.fault).toBe(kind);
  });

  it.each([
    ['an empty forecast', { data: [] }, /no points/],
    [
      'a time that does not parse',
      { data: [{ from: 'soon', to: 'later', intensity: { forecast: 1 } }] },
      /time/,
    ],
    ['a null forecast figure', { data: [{ from: 'a', to: 'b', intensity: { forecast: null } }] }, /data\.0/],
  ])('%s → malformed', async (_label, body, message) => {
    const p = await serve({ [UK_PATH]: json(body) });
    const err = await fault(ukForecast({ env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url }, now: NOW }));
    expect(err.fault).toBe('malformed');
    expect(err.message).toMatch(message);
  });
});

describe('Electricity Maps forecast', () => {
  const call = (url: string, extra: object = {}) =>
    electricityMapsForecast({
      zone: 'DE',
      token: 'em-secret',
      env: { CARBON_GATE_ELECTRICITYMAPS_URL: url },
      now: NOW,
      ...extra,
    });

  it('GET /v3/carbon-intensity/forecast?zone=Z with auth-token; hourly points', async () => {
    const p = await serve({
      '/v3/carbon-intensity/forecast': json(fixture('electricity-maps-forecast.json')),
    });
    const f = await call(p.url);
    expect(p.requests[0]!.url).toBe('/v3/carbon-intensity/forecast?zone=DE');
    expect(p.requests[0]!.headers['auth-token']).toBe('em-secret');
    expect(f).toMatchObject({ intensitySource: 'electricity-maps', method: 'lifecycle' });
    expect(f.source).toBe('Electricity Maps forecast, zone DE (lifecycle) updated 2024-05-01T11:55:12.000Z');
    expect(f.points).toHaveLength(12);
    expect(f.points[6]).toEqual({ startMs: Date.parse('2024-05-01T18:00:00Z'), slotS: 3600, gPerKwh: 200 });
  });

  it('operational asks for the direct factors, as the live figure did', async () => {
    const p = await serve({
      '/v3/carbon-intensity/forecast': json(fixture('electricity-maps-forecast.json')),
    });
    const f = await call(p.url, { method: 'operational' });
    expect(p.requests[0]!.url).toBe('/v3/carbon-intensity/forecast?zone=DE&emissionFactorType=direct');
    expect(f.method).toBe('operational');
  });

  it('a gap in the hours stays a gap (the step is the smallest spacing)', async () => {
    const body = {
      zone: 'DE',
      forecast: [0, 1, 4].map((h) => ({ carbonIntensity: 100, datetime: `2024-05-01T1${h}:00:00Z` })),
    };
    const p = await serve({ '/v3/carbon-intensity/forecast': json(body) });
    expect((await call(p.url)).points.map((x) => x.slotS)).toEqual([3600, 3600, 3600]);
  });

  it('429 then success: one retry', async () => {
    const p = await serve({
      '/v3/carbon-intensity/forecast': flaky(1, 429, fixture('electricity-maps-forecast.json')),
    });
    expect((await call(p.url)).points).toHaveLength(12);
    expect(p.requests).toHaveLength(2);
  });

  it.each(FAULTS)(
    '%s → ProviderError (%s), the token never in the message',
    async (_label, kind, handler) => {
      const p = await serve({ '/v3/carbon-intensity/forecast': handler });
      const err = await fault(call(p.url, FAST));
      expect(err.fault).toBe(kind);
      expect(err.message).not.toContain('em-secret');
    },
  );

  it('an empty forecast → malformed', async () => {
    const p = await serve({ '/v3/carbon-intensity/forecast': json({ zone: 'DE', forecast: [] }) });
    expect((await fault(call(p.url))).message).toMatch(/no points/);
  });
});

describe('WattTime forecast', () => {
  const routes = (forecast: Handler, login: Handler = json(fixture('watttime-login.json'))) => ({
    '/login': login,
    '/v3/forecast': forecast,
  });
  const call = (url: string, extra: object = {}) =>
    wattTimeForecast({
      region: 'CAISO_NORTH',
      username: 'u',
      password: 'pw-secret',
      env: { CARBON_GATE_WATTTIME_URL: url },
      now: NOW,
      ...extra,
    });

  it('Basic login, then the MOER forecast with the bearer token; lbs/MWh × 0.453592', async () => {
    const p = await serve(routes(json(fixture('watttime-forecast-dip.json'))));
    const f = await call(p.url);
    expect(p.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('u:pw-secret').toString('base64')}`,
    );
    expect(p.requests[1]!.url).toBe('/v3/forecast?region=CAISO_NORTH&signal_type=co2_moer');
    expect(p.requests[1]!.headers.authorization).toBe('Bearer wt-test-token');
    expect(f).toMatchObject({ intensitySource: 'watttime', method: 'marginal' });
    expect(f.points).toHaveLength(24);
    expect(f.points[0]!.slotS).toBe(300);
    expect(f.points[0]!.gPerKwh).toBeCloseTo(900 * 0.453592, 9);
  });

  it('without data_point_period_seconds the step comes from the times', async () => {
    const p = await serve(routes(json(fixture('watttime-forecast.json'))));
    expect((await call(p.url)).points.map((x) => x.slotS)).toEqual([300, 300]);
  });

  it('429 then success: one retry', async () => {
    const p = await serve(routes(flaky(1, 429, fixture('watttime-forecast-dip.json'))));
    expect((await call(p.url)).points).toHaveLength(24);
    expect(p.requests.map((r) => r.url.split('?')[0])).toEqual(['/login', '/v3/forecast', '/v3/forecast']);
  });

  it.each(FAULTS)('forecast %s → ProviderError (%s)', async (_label, kind, handler) => {
    const p = await serve(routes(handler));
    const err = await fault(call(p.url, FAST));
    expect(err.fault).toBe(kind);
    expect(err.message).not.toContain('pw-secret');
  });

  it.each(FAULTS.slice(0, 6))('login %s → ProviderError (%s)', async (_label, kind, handler) => {
    const p = await serve(routes(json(fixture('watttime-forecast-dip.json')), handler));
    const err = await fault(call(p.url, FAST));
    expect(err.fault).toBe(kind);
    expect(err.message).not.toContain('pw-secret');
  });

  it.each([
    [
      'other units',
      { data: [{ point_time: '2024-05-01T12:00Z', value: 1 }], meta: { units: 'g_co2_per_kwh' } },
    ],
    ['an empty forecast', { data: [], meta: { units: 'lbs_co2_per_mwh' } }],
    ['no meta', { data: [{ point_time: '2024-05-01T12:00Z', value: 1 }] }],
  ])('%s → malformed, never mis-converted', async (_label, body) => {
    const p = await serve(routes(json(body)));
    expect((await fault(call(p.url))).fault).toBe('malformed');
  });
});

describe('forecastFor: the forecast of the provider that gave the live figure, or none', () => {
  const region = (code: string): GridIntensity => {
    const r = resolveGridIntensity({ flag: code });
    if (!r.ok) throw new Error(r.detail);
    return r.grid;
  };
  const live = (code: string, intensitySource: GridIntensity['intensitySource']): GridIntensity => ({
    ...region(code),
    intensitySource,
  });

  it.each([
    ['embedded', region('GB')],
    ['explicit', { ...region('GB'), intensitySource: 'explicit' as const }],
  ])('%s: no forecast, no request, no warning', async (_label, grid) => {
    const p = await serve({});
    const out = await forecastFor(grid, {
      credentials: { notices: [] },
      env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url },
    });
    expect(out).toEqual({ warnings: [] });
    expect(p.requests).toHaveLength(0);
  });

  it('a failure is one warning and no forecast', async () => {
    const p = await serve({ [UK_PATH]: json({ message: 'oops' }, 503) });
    const out = await forecastFor(live('GB', 'uk'), {
      credentials: { notices: [] },
      env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url },
      now: NOW,
    });
    expect(out.forecast).toBeUndefined();
    expect(out.warnings).toEqual([
      `forecast from uk: 127.0.0.1:${new URL(p.url).port}${UK_PATH}: HTTP 503; no cleaner-when hint`,
    ]);
  });

  it('Electricity Maps: the grid as zone, the token from the credentials', async () => {
    const p = await serve({
      '/v3/carbon-intensity/forecast': json(fixture('electricity-maps-forecast.json')),
    });
    const out = await forecastFor(live('DE', 'electricity-maps'), {
      credentials: { electricityMapsToken: 't', notices: [] },
      env: { CARBON_GATE_ELECTRICITYMAPS_URL: p.url },
    });
    expect(out.forecast?.points).toHaveLength(12);
    expect(p.requests[0]!.url).toBe('/v3/carbon-intensity/forecast?zone=DE');
  });

  it('WattTime: its own region (intensity.zone) and the credentials', async () => {
    const p = await serve({
      '/login': json(fixture('watttime-login.json')),
      '/v3/forecast': json(fixture('watttime-forecast-dip.json')),
    });
    const out = await forecastFor(live('US-CA', 'watttime'), {
      zone: 'CAISO_NORTH',
      credentials: { wattTime: { username: 'u', password: 'p' }, notices: [] },
      env: { CARBON_GATE_WATTTIME_URL: p.url },
    });
    expect(out.forecast?.method).toBe('marginal');
  });
});

describe('resolveCarbon with forecast: once per run, after the live figure', () => {
  /** Routes /intensity (live) and /intensity/{any}/fw48h (forecast): the path holds the time. */
  function ukRoutes(forecast: Handler): Record<string, Handler> {
    const liveHandler = json(fixture('uk-intensity.json'));
    return new Proxy({} as Record<string, Handler>, {
      get: (_t, path) =>
        path === '/intensity'
          ? liveHandler
          : typeof path === 'string' && /^\/intensity\/[^/]+\/fw48h$/.test(path)
            ? forecast
            : undefined,
    });
  }
  const inputs = (url: string, forecast: boolean) => ({
    region: { flag: 'GB' },
    pue: {},
    intensity: { sourceFlag: 'uk' as const },
    forecast,
    env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: url },
  });

  it('asked for: the live figure, then the forecast', async () => {
    const p = await serve(ukRoutes(json(fixture('uk-intensity-fw48h.json'))));
    const c = await resolveCarbon(inputs(p.url, true));
    expect(c.grid).toMatchObject({ intensitySource: 'uk', intensityGPerKwh: 263 });
    expect(c.forecast?.points).toHaveLength(16);
    expect(c.warnings).toEqual([]);
    expect(p.requests.map((r) => r.url)).toEqual([
      '/intensity',
      expect.stringMatching(/^\/intensity\/.+\/fw48h$/),
    ]);
  });

  it('not asked for: no forecast request', async () => {
    const p = await serve(ukRoutes(json(fixture('uk-intensity-fw48h.json'))));
    const c = await resolveCarbon(inputs(p.url, false));
    expect(c.forecast).toBeUndefined();
    expect(p.requests.map((r) => r.url)).toEqual(['/intensity']);
  });

  it('a malformed forecast: the live figure stands, a warning (in the notices too), no forecast', async () => {
    const p = await serve(ukRoutes(json('{"data": [')));
    const c = await resolveCarbon(inputs(p.url, true));
    expect(c.grid.intensitySource).toBe('uk');
    expect(c.forecast).toBeUndefined();
    expect(c.warnings).toEqual([
      expect.stringMatching(/^forecast from uk: .*not JSON; no cleaner-when hint$/),
    ]);
    expect(c.grid.notices).toContain(c.warnings[0]);
  });

  it('the live figure failed: no forecast is asked for (the run used the embedded figure)', async () => {
    const p = await serve({ '/intensity': json({}, 500) });
    const c = await resolveCarbon(inputs(p.url, true));
    expect(c.grid.intensitySource).toBe('embedded');
    expect(c.forecast).toBeUndefined();
    expect(p.requests.every((r) => r.url === '/intensity')).toBe(true);
  });

  it('--intensity: no provider, no forecast', async () => {
    const p = await serve({});
    const c = await resolveCarbon({ ...inputs(p.url, true), intensity: { value: 100, sourceFlag: 'uk' } });
    expect(c.forecast).toBeUndefined();
    expect(p.requests).toHaveLength(0);
  });
});
