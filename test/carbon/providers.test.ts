import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { detectAzureRegion } from '../../src/carbon/io/azure-imds.js';
import { electricityMapsIntensity } from '../../src/carbon/io/electricity-maps.js';
import { getJson } from '../../src/carbon/io/http-json.js';
import { applyLiveSource } from '../../src/carbon/io/live-intensity.js';
import { ProviderError } from '../../src/carbon/io/provider-error.js';
import { ukIntensity } from '../../src/carbon/io/uk-carbon-intensity.js';
import { wattTimeIntensity } from '../../src/carbon/io/watttime.js';
import { resolveGridIntensity } from '../../src/carbon/region.js';
import { fakeProvider, flaky, hang, json, type Handler } from '../helpers/fake-provider.js';

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

// Every fault the issue names, per client: status answers, a hang past the timeout, bad bodies.
const FAULTS: [string, Handler, string][] = [
  ['401', json({ message: 'unauthorised' }, 401), 'auth'],
  ['403', json({ message: 'forbidden' }, 403), 'auth'],
  ['429', json({ message: 'slow down' }, 429), 'rate-limit'],
  ['500', json({ message: 'oops' }, 500), 'server'],
  ['timeout', hang, 'timeout'],
  ['malformed JSON', json('{"carbonIntensity": 3'), 'malformed'],
  ['missing fields', json({ zone: 'DE' }), 'malformed'],
];
const FAST = { timeoutMs: 300 };

describe('Electricity Maps client', () => {
  it('reads carbonIntensity with the auth-token header', async () => {
    const p = await serve({ '/v3/carbon-intensity/latest': json(fixture('electricity-maps-latest.json')) });
    const live = await electricityMapsIntensity({
      zone: 'DE',
      token: 'em-secret',
      env: { CARBON_GATE_ELECTRICITYMAPS_URL: p.url },
    });
    expect(live).toMatchObject({ gPerKwh: 302, method: 'lifecycle', measuredAt: '2024-05-01T12:00:00.000Z' });
    expect(live.source).toMatch(/Electricity Maps live, zone DE \(lifecycle, estimated\)/);
    expect(p.requests[0]!.url).toBe('/v3/carbon-intensity/latest?zone=DE');
    expect(p.requests[0]!.headers['auth-token']).toBe('em-secret');
  });

  it.each(FAULTS)('%s → ProviderError (%s), token never in the message', async (_label, handler, fault) => {
    const p = await serve({ '/v3/carbon-intensity/latest': handler });
    const call = electricityMapsIntensity({
      zone: 'DE',
      token: 'em-secret',
      env: { CARBON_GATE_ELECTRICITYMAPS_URL: p.url },
      ...FAST,
    });
    const err = await call.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).fault).toBe(fault);
    expect((err as Error).message).not.toContain('em-secret');
  });
});

describe('WattTime client', () => {
  const routes = (forecast: Handler, login: Handler = json(fixture('watttime-login.json'))) => ({
    '/login': login,
    '/v3/forecast': forecast,
  });

  it('logs in with Basic auth, then reads the first forecast point in lbs/MWh × 0.453592', async () => {
    const p = await serve(routes(json(fixture('watttime-forecast.json'))));
    const live = await wattTimeIntensity({
      region: 'CAISO_NORTH',
      username: 'u',
      password: 'pw',
      env: { CARBON_GATE_WATTTIME_URL: p.url },
    });
    expect(live.gPerKwh).toBeCloseTo(900 * 0.453592, 9);
    expect(live.method).toBe('marginal');
    expect(p.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('u:pw').toString('base64')}`);
    expect(p.requests[1]!.url).toBe('/v3/forecast?region=CAISO_NORTH&signal_type=co2_moer');
    expect(p.requests[1]!.headers.authorization).toBe('Bearer wt-test-token');
  });

  it.each(FAULTS)('forecast %s → ProviderError (%s)', async (_label, handler, fault) => {
    const p = await serve(routes(handler));
    const err = await wattTimeIntensity({
      region: 'CAISO_NORTH',
      username: 'u',
      password: 'pw',
      env: { CARBON_GATE_WATTTIME_URL: p.url },
      ...FAST,
    }).catch((e: unknown) => e);
    expect((err as ProviderError).fault).toBe(fault);
  });

  it.each(FAULTS)('login %s → ProviderError (%s)', async (_label, handler, fault) => {
    const p = await serve(routes(json(fixture('watttime-forecast.json')), handler));
    const err = await wattTimeIntensity({
      region: 'CAISO_NORTH',
      username: 'u',
      password: 'pw',
      env: { CARBON_GATE_WATTTIME_URL: p.url },
      ...FAST,
    }).catch((e: unknown) => e);
    expect((err as ProviderError).fault).toBe(fault);
    expect((err as Error).message).not.toContain('pw');
  });

  it('other units are refused rather than mis-converted', async () => {
    const p = await serve(
      routes(json({ data: [{ point_time: 'x', value: 1 }], meta: { units: 'g_co2_per_kwh' } })),
    );
    const err = await wattTimeIntensity({
      region: 'R',
      username: 'u',
      password: 'p',
      env: { CARBON_GATE_WATTTIME_URL: p.url },
    }).catch((e: unknown) => e);
    expect((err as ProviderError).fault).toBe('malformed');
  });
});

describe('UK Carbon Intensity client', () => {
  it.each([
    ['uk-intensity.json', 263, /actual/],
    ['uk-intensity-open.json', 180, /forecast/],
  ])('%s → %d g/kWh', async (file, g, kind) => {
    const p = await serve({ '/intensity': json(fixture(file)) });
    const live = await ukIntensity({ env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url } });
    expect(live.gPerKwh).toBe(g);
    expect(live.method).toBe('operational');
    expect(live.source).toMatch(kind);
  });

  it.each(FAULTS)('%s → ProviderError (%s)', async (_label, handler, fault) => {
    const p = await serve({ '/intensity': handler });
    const err = await ukIntensity({ env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url }, ...FAST }).catch(
      (e: unknown) => e,
    );
    expect((err as ProviderError).fault).toBe(fault);
  });
});

describe('getJson retries', () => {
  it.each([
    [429, 1, true],
    [503, 1, true],
    [503, 3, false],
    [401, 1, false],
  ])('HTTP %d failing %d time(s) → success %s (one retry)', async (status, failures, ok) => {
    const p = await serve({ '/x': flaky(failures, status, { ok: 1 }) });
    const result = await getJson(`${p.url}/x`, { retries: 1 }).then(
      () => true,
      () => false,
    );
    expect(result).toBe(ok);
    expect(p.requests.length).toBe(status === 401 ? 1 : Math.min(failures + 1, 2));
  });
});

describe('Azure IMDS detection', () => {
  it('reads compute.location with the Metadata header', async () => {
    const p = await serve({ '/metadata/instance/compute': json(fixture('azure-imds-compute.json')) });
    expect(await detectAzureRegion({ CARBON_GATE_AZURE_IMDS_URL: p.url })).toEqual({
      region: 'azure:eastus',
    });
    expect(p.requests[0]!.headers.metadata).toBe('true');
    expect(p.requests[0]!.url).toBe('/metadata/instance/compute?api-version=2021-02-01');
  });

  it.each(FAULTS)('%s → a failure reason, not an exception', async (_label, handler) => {
    const p = await serve({ '/metadata/instance/compute': handler });
    const started = Date.now();
    const d = await detectAzureRegion({ CARBON_GATE_AZURE_IMDS_URL: p.url }, 300);
    expect(d).toHaveProperty('failure');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('applyLiveSource: any failure falls back to the embedded figure with a warning', () => {
  const de = () => {
    const r = resolveGridIntensity({ flag: 'DE' });
    if (!r.ok) throw new Error('DE');
    return r.grid;
  };

  it('success replaces intensity and provenance, keeps the region', async () => {
    const p = await serve({ '/v3/carbon-intensity/latest': json(fixture('electricity-maps-latest.json')) });
    const out = await applyLiveSource(de(), {
      source: 'electricity-maps',
      credentials: { electricityMapsToken: 't', notices: [] },
      env: { CARBON_GATE_ELECTRICITYMAPS_URL: p.url },
    });
    expect(out.warnings).toEqual([]);
    expect(out.grid).toMatchObject({
      region: 'DE',
      intensityGPerKwh: 302,
      intensitySource: 'electricity-maps',
      year: 2024,
    });
  });

  it.each(FAULTS)('Electricity Maps %s → embedded value, one warning', async (_label, handler) => {
    const p = await serve({ '/v3/carbon-intensity/latest': handler });
    const grid = de();
    const out = await applyLiveSource(grid, {
      source: 'electricity-maps',
      credentials: { electricityMapsToken: 'secret-token', notices: [] },
      env: { CARBON_GATE_ELECTRICITYMAPS_URL: p.url },
      timeoutMs: 300,
    });
    expect(out.grid).toEqual(grid);
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/^intensity source electricity-maps: .*using the embedded/);
    expect(out.warnings[0]).not.toContain('secret-token');
  });

  it.each([
    ['electricity-maps without a token', { source: 'electricity-maps' as const }, /no token/],
    ['watttime without credentials', { source: 'watttime' as const }, /no credentials/],
    ['watttime without a zone', { source: 'watttime' as const, creds: true }, /intensity.zone/],
    ['uk outside Great Britain', { source: 'uk' as const }, /Great Britain only/],
  ])('%s → warning, no request', async (_label, req, message) => {
    const out = await applyLiveSource(de(), {
      source: req.source,
      credentials: { notices: [], ...('creds' in req ? { wattTime: { username: 'u', password: 'p' } } : {}) },
      env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: 'http://127.0.0.1:9' },
    });
    expect(out.grid.intensitySource).toBe('embedded');
    expect(out.warnings[0]).toMatch(message);
  });

  it('uk with no region given takes Great Britain and says the figure is operational', async () => {
    const p = await serve({ '/intensity': json(fixture('uk-intensity.json')) });
    const r = resolveGridIntensity({});
    if (!r.ok) throw new Error('world');
    const out = await applyLiveSource(r.grid, {
      source: 'uk',
      credentials: { notices: [] },
      env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url },
    });
    expect(out.grid).toMatchObject({ region: 'GB', intensityGPerKwh: 263, method: 'operational' });
    expect(out.grid.notices.join(' ')).toMatch(/operational \(direct\) emissions, not lifecycle/);
  });
});
