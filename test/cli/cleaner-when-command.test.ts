import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fakeProvider, json, type Handler } from '../helpers/fake-provider.js';

/**
 * "Cleaner when" through the built CLI (dist/): `carbon-gate when` and a `run` with a training benchmark,
 * against provider stand-ins on 127.0.0.1. The stand-ins answer forecasts relative to the time asked for
 * (the UK path holds it) or to now, in the providers' documented shapes (test/fixtures/providers/README.md),
 * with a dip from +10 h to +12 h: a 2 h job is best started at the dip, 55 % below now.
 */

const HALF_HOUR = 1_800_000;
const HOUR = 3_600_000;
const DIP = { from: 10 * HOUR, to: 12 * HOUR };
const figure = (offsetMs: number, base: number, low: number) =>
  offsetMs >= DIP.from && offsetMs < DIP.to ? low : base;
const ukTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 16)}Z`;
const fromOf = (req: IncomingMessage) => Date.parse(decodeURIComponent((req.url ?? '').split('/')[2] ?? ''));

/** UK fw48h: 96 half-hour slots from the `from` in the path, 200 g/kWh, 90 in the dip. */
const ukForecast: Handler = (req, res) => {
  const from = fromOf(req);
  const data = Array.from({ length: 96 }, (_, i) => ({
    from: ukTime(from + i * HALF_HOUR),
    to: ukTime(from + (i + 1) * HALF_HOUR),
    intensity: { forecast: figure(i * HALF_HOUR, 200, 90), actual: null, index: 'moderate' },
  }));
  json({ data })(req, res);
};
const UK_LIVE = { data: [{ from: ukTime(Date.now()), to: 'x', intensity: { forecast: 210, actual: 205 } }] };

/** Routes /intensity (live) and /intensity/{from}/fw48h (forecast; the time is in the path). */
function ukRoutes(forecast: Handler = ukForecast, live: Handler = json(UK_LIVE)): Record<string, Handler> {
  return new Proxy({} as Record<string, Handler>, {
    get: (_t, p) =>
      p === '/intensity'
        ? live
        : typeof p === 'string' && /^\/intensity\/[^/]+\/fw48h$/.test(p)
          ? forecast
          : undefined,
  });
}

/** Electricity Maps: 48 hourly points from the current hour, 300 g/kWh, 135 in the dip. */
const emForecast: Handler = (req, res) => {
  const start = Math.floor(Date.now() / HOUR) * HOUR;
  const forecast = Array.from({ length: 48 }, (_, i) => ({
    carbonIntensity: figure(i * HOUR, 300, 135),
    datetime: new Date(start + i * HOUR).toISOString(),
  }));
  json({ zone: 'DE', forecast, updatedAt: new Date(start).toISOString() })(req, res);
};

/** WattTime: 24 h of 5-minute MOER points from the current 5 minutes, 1000 lbs/MWh, 450 in the dip. */
const wtForecast: Handler = (req, res) => {
  const step = 300_000;
  const start = Math.floor(Date.now() / step) * step;
  const data = Array.from({ length: 288 }, (_, i) => ({
    point_time: new Date(start + i * step).toISOString(),
    value: figure(i * step, 1000, 450),
  }));
  json({ data, meta: { units: 'lbs_co2_per_mwh', data_point_period_seconds: 300 } })(req, res);
};

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

interface WhenJson {
  region: string;
  intensitySource: string;
  forecast: { intensitySource: string; points: number; method: string } | null;
  cleanerWhen: { start: string; savingShare: number; avgGPerKwh: number; nowGPerKwh: number } | null;
  reason?: string;
}

describe('carbon-gate when', () => {
  it('uk: the cleanest 2 h start in the next 48 h, and the share it saves', async () => {
    const p = await serve(ukRoutes());
    const env = { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url };
    const r = await runCli(['when', '--duration', '2h', '--intensity-source', 'uk'], { env });
    expect(r.code).toBe(0);
    const from = Date.parse(decodeURIComponent(p.requests[1]!.url.split('/')[2]!));
    const at = new Date(from + DIP.from).toISOString();
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Region: GB (Great Britain), a job of 2 h 00 m');
    expect(lines[1]).toMatch(
      /^Forecast: UK Carbon Intensity API forecast, Great Britain \(operational, half-hourly\), 96 points, /,
    );
    expect(lines[2]).toBe(
      `Cleaner when: run at ${at.slice(0, 10)} ${at.slice(11, 16)} UTC: -55 % (90 vs 200 g CO2e/kWh now, over 2 h 00 m)`,
    );
    expect(lines[3]).toMatch(/^Window: .* UTC to .* UTC$/);
    expect(p.requests.map((q) => q.url)).toEqual(['/intensity', `/intensity/${ukTime(from)}/fw48h`]);
    expect(r.stderr).toMatch(/notice: UK Carbon Intensity gives operational/);
  });

  it('--json: the forecast and the window; --energy-kwh adds the grams saved', async () => {
    const p = await serve(ukRoutes());
    const env = { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url };
    const r = await runCli(
      [
        'when',
        '--duration',
        '90m',
        '--intensity-source',
        'uk',
        '--energy-kwh',
        '2',
        '--pue',
        '1.5',
        '--json',
      ],
      { env },
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as WhenJson & { cleanerWhen: { co2eSavedG: number; durationS: number } };
    expect(j).toMatchObject({ region: 'GB', intensitySource: 'uk', durationS: 5400 });
    expect(j.forecast).toMatchObject({ intensitySource: 'uk', points: 96, method: 'operational' });
    expect(j.cleanerWhen).toMatchObject({ avgGPerKwh: 90, nowGPerKwh: 200, durationS: 5400 });
    expect(j.cleanerWhen.savingShare).toBeCloseTo(0.55, 9);
    expect(j.cleanerWhen.co2eSavedG).toBeCloseTo(2 * 1.5 * 110, 6);
    expect(j.reason).toBeUndefined();
  });

  it('electricity-maps: the token from the environment, the zone from the region', async () => {
    const p = await serve({
      '/v3/carbon-intensity/latest': json({ carbonIntensity: 280 }),
      '/v3/carbon-intensity/forecast': emForecast,
    });
    const env = { CARBON_GATE_ELECTRICITYMAPS_URL: p.url, CARBON_GATE_ELECTRICITY_MAPS_TOKEN: 'em-secret' };
    const r = await runCli(['when', '--duration', '2h', '--region', 'DE', '--json'], { env });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as WhenJson;
    expect(j.forecast).toMatchObject({
      intensitySource: 'electricity-maps',
      method: 'lifecycle',
      points: 48,
    });
    expect(j.cleanerWhen).toMatchObject({ avgGPerKwh: 135, nowGPerKwh: 300 });
    expect(p.requests[1]!.url).toBe('/v3/carbon-intensity/forecast?zone=DE');
    expect(r.stderr).not.toContain('em-secret');
  });

  it('watttime: its region from --zone, MOER in g/kWh', async () => {
    const p = await serve({ '/login': json({ token: 'wt-token' }), '/v3/forecast': wtForecast });
    const env = {
      CARBON_GATE_WATTTIME_URL: p.url,
      CARBON_GATE_WATTTIME_USERNAME: 'u',
      CARBON_GATE_WATTTIME_PASSWORD: 'pw',
    };
    const r = await runCli(
      ['when', '--duration', '1h', '--intensity-source', 'watttime', '--zone', 'CAISO_NORTH', '--json'],
      { env },
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as WhenJson;
    expect(j.forecast).toMatchObject({ intensitySource: 'watttime', method: 'marginal', points: 288 });
    expect(j.cleanerWhen!.avgGPerKwh).toBeCloseTo(450 * 0.453592, 9);
    expect(j.cleanerWhen!.savingShare).toBeCloseTo(0.55, 9);
  });

  it.each([
    ['HTTP 500', json({ message: 'oops' }, 500), /forecast from uk: .*HTTP 500; no cleaner-when hint/],
    ['HTTP 403', json({ message: 'no' }, 403), /forecast from uk: .*HTTP 403/],
    ['malformed JSON', json('{"data":'), /forecast from uk: .*not JSON/],
    ['an empty forecast', json({ data: [] }), /forecast from uk: .*no points/],
  ])('the forecast fails (%s): a warning, no hint, exit 0', async (_label, handler, warning) => {
    const p = await serve(ukRoutes(handler));
    const env = { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url };
    const r = await runCli(['when', '--duration', '2h', '--intensity-source', 'uk'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(warning);
    expect(r.stdout).toContain('No forecast available: the live provider gave none (see the warning)');
    const j = await runCli(['when', '--duration', '2h', '--intensity-source', 'uk', '--json'], { env });
    expect(JSON.parse(j.stdout)).toMatchObject({ forecast: null, cleanerWhen: null, intensitySource: 'uk' });
  });

  it('the live figure fails: no forecast is asked for, exit 0', async () => {
    const p = await serve(ukRoutes(ukForecast, json({}, 503)));
    const r = await runCli(['when', '--duration', '2h', '--intensity-source', 'uk', '--json'], {
      env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      intensitySource: 'embedded',
      forecast: null,
      cleanerWhen: null,
    });
    expect(p.requests.every((q) => q.url === '/intensity')).toBe(true);
  });

  it('a job longer than the forecast: says no window fits, exit 0', async () => {
    const p = await serve(ukRoutes());
    const r = await runCli(['when', '--duration', '3d', '--intensity-source', 'uk'], {
      env: { CARBON_GATE_UK_CARBON_INTENSITY_URL: p.url },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No window of 72 h 00 m fits in the forecast from now to .* UTC$/m);
  });

  it.each([
    [
      ['--region', 'FR'],
      'the embedded tables have none; use --intensity-source uk, electricity-maps or watttime',
    ],
    [['--intensity', '120'], '--intensity is one figure, not a forecast'],
  ])('%j: no forecast available, said so, exit 0, nothing fetched', async (args, reason) => {
    const r = await runCli(['when', '--duration', '2h', ...args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`No forecast available: ${reason}`);
  });

  it.each([
    [[], /--duration: required/],
    [['--duration', 'soon'], /--duration: expected a duration > 0 like 45m, 2h or 1d, found "soon"/],
    [['--duration', '0h'], /--duration: expected a duration > 0/],
    [['--duration'], /--duration/],
    [['--duration', '2h', '--intensity-source', 'sun'], /--intensity-source: expected one of/],
    [['--duration', '2h', 'extra'], /when: unexpected argument "extra"/],
  ])('%j → exit 2 naming the flag', async (args, message) => {
    const r = await runCli(['when', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('is in the main help', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toContain('carbon-gate when --duration D');
  });
});

describe('carbon-gate run: a training benchmark with a live source', () => {
  const suite = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-when-'));
    writeFileSync(
      path.join(dir, 'carbon-gate.yml'),
      [
        'version: 1',
        'region: GB',
        'intensity: { source: uk }',
        'benchmarks:',
        '  - { name: train, kind: training, run: "true" }',
        '  - { name: serve, kind: inference, run: "true" }',
      ].join('\n') + '\n',
    );
    return dir;
  };
  const env = (url: string) => ({ CARBON_GATE_UK_CARBON_INTENSITY_URL: url });

  it('the report and the table carry the hint; the forecast is fetched once', async () => {
    const p = await serve(ukRoutes());
    const dir = suite();
    const r = await runCli(['run', '--json'], { cwd: dir, env: env(p.url) });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.carbon).toMatchObject({
      intensitySource: 'uk',
      forecast: { intensitySource: 'uk', method: 'operational', points: 96 },
    });
    const [train, serveBench] = report.benchmarks;
    const from = Date.parse(report.carbon.forecast.from);
    expect(train.cleanerWhen).toMatchObject({
      start: new Date(from + DIP.from).toISOString(),
      avgGPerKwh: 90,
    });
    // Averages over slots weighted by where "now" falls in one: equal up to rounding (199.99999999999997).
    expect(train.cleanerWhen.nowGPerKwh).toBeCloseTo(200, 9);
    expect(train.cleanerWhen.savingShare).toBeCloseTo(0.55, 9);
    expect(train.cleanerWhen.co2eSavedG).toBeGreaterThan(0);
    expect(serveBench.cleanerWhen).toBeUndefined();
    expect(p.requests.filter((q) => q.url.endsWith('/fw48h'))).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(dir, '.carbon-gate', 'carbon-report.json'), 'utf8'))).toEqual(
      report,
    );

    const table = await runCli(['run'], { cwd: dir, env: env(p.url) });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^Cleaner when \(UK Carbon Intensity API forecast, .*, 96 points to .* UTC\):$/m,
    );
    expect(table.stdout).toMatch(
      /^ {2}train: run at \S+ \d\d:\d\d UTC: -55 % \(90 vs 200 g CO2e\/kWh now, over .*\), .* less$/m,
    );
    expect(table.stdout).not.toMatch(/^ {2}serve: run at/m);
  });

  it('the forecast fails: a warning and a notice, no hint, the run passes', async () => {
    const p = await serve(ukRoutes(json({ message: 'oops' }, 502)));
    const r = await runCli(['run', '--json'], { cwd: suite(), env: env(p.url) });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.carbon.intensitySource).toBe('uk');
    expect(report.carbon.forecast).toBeUndefined();
    expect(report.benchmarks[0].cleanerWhen).toBeUndefined();
    expect(r.stderr).toMatch(/forecast from uk: .*HTTP 502; no cleaner-when hint/);
    expect(report.notices).toContainEqual(expect.stringMatching(/^forecast from uk: .*HTTP 502/));
  });

  it('embedded intensity: no forecast fetched, no hint', async () => {
    const p = await serve(ukRoutes());
    const dir = suite();
    writeFileSync(
      path.join(dir, 'carbon-gate.yml'),
      'version: 1\nregion: GB\nbenchmarks:\n  - { name: train, kind: training, run: "true" }\n',
    );
    const r = await runCli(['run', '--json'], { cwd: dir, env: env(p.url) });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.carbon.forecast).toBeUndefined();
    expect(report.benchmarks[0].cleanerWhen).toBeUndefined();
    expect(p.requests).toHaveLength(0);
  });
});
