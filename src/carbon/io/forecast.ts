import { z } from 'zod';
import type { Forecast, ForecastPoint, ForecastSource } from '../cleaner-when.js';
import type { Credentials } from '../credentials.js';
import type { GridIntensity } from '../region.js';
import { ELECTRICITY_MAPS_URL } from './electricity-maps.js';
import { getJson } from './http-json.js';
import { baseUrl } from './live-intensity-types.js';
import { ProviderError } from './provider-error.js';
import { UK_CARBON_INTENSITY_URL } from './uk-carbon-intensity.js';
import { LBS_PER_MWH_TO_G_PER_KWH, WATTTIME_URL } from './watttime.js';

/**
 * Forecast clients for "cleaner when" (src/carbon/cleaner-when.ts), one per live provider, behind the same
 * base URLs and the same http-json helper as the live figure (≤ 3 s a call, one retry on 429, 5xx,
 * timeouts and network errors). Answers are parsed with zod: anything else is ProviderError "malformed".
 */

interface ForecastRequest {
  env: Record<string, string | undefined>;
  timeoutMs?: number;
  /** The time the forecast is asked from; tests pin it. */
  now?: Date;
}

/** A provider answer may list a few days of slots; more than this is not a forecast. */
const MAX_POINTS = 5000;
const g = z.number().nonnegative();
const when = z.string().max(40);

function parse<T>(schema: z.ZodType<T>, doc: unknown, where: string): T {
  const r = schema.safeParse(doc);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : '(root)';
  throw new ProviderError(
    'malformed',
    `${where}: unexpected answer at ${path}: ${issue?.message ?? 'invalid'}`,
  );
}

function epochMs(text: string, where: string): number {
  const ms = Date.parse(text);
  // The text itself is not quoted: it is the provider's, and goes to a terminal.
  if (!Number.isFinite(ms)) throw new ProviderError('malformed', `${where}: a time does not parse`);
  return ms;
}

/** The providers' step: the smallest gap between successive times (a gap in the data stays a gap). */
function stepS(times: number[], fallbackS: number): number {
  let step = Infinity;
  for (let i = 1; i < times.length; i++) {
    const d = (times[i]! - times[i - 1]!) / 1000;
    if (d > 0) step = Math.min(step, d);
  }
  return Number.isFinite(step) ? step : fallbackS;
}

function nonEmpty(points: ForecastPoint[], where: string): ForecastPoint[] {
  if (points.length === 0) throw new ProviderError('malformed', `${where}: the forecast has no points`);
  return points;
}

const UkSchema = z.object({
  data: z
    .array(
      z.object({
        from: when,
        to: when,
        intensity: z.object({ forecast: g, actual: g.nullable().optional(), index: z.string().optional() }),
      }),
    )
    .max(MAX_POINTS),
});

/** ISO 8601 to the minute, as the API's paths take it: 2024-05-01T12:00Z. */
function ukTime(d: Date): string {
  return `${d.toISOString().slice(0, 16)}Z`;
}

/**
 * National Grid ESO's Carbon Intensity API: GET /intensity/{from}/fw48h →
 * {"data":[{"from","to","intensity":{"forecast":N,"actual":null|N,"index"}}]}: half-hour slots for the
 * next 48 h, Great Britain only, operational (direct) emissions, no key. `from` is now rounded down to the
 * half hour, so the first slot holds now. The forecast figure is used throughout, past slots included.
 */
export async function ukForecast(req: ForecastRequest): Promise<Forecast> {
  const now = req.now ?? new Date();
  const base = baseUrl(req.env.CARBON_GATE_UK_CARBON_INTENSITY_URL, UK_CARBON_INTENSITY_URL);
  const from = new Date(Math.floor(now.getTime() / 1_800_000) * 1_800_000);
  const doc = await getJson(`${base}/intensity/${ukTime(from)}/fw48h`, { timeoutMs: req.timeoutMs });
  const where = 'UK Carbon Intensity forecast';
  const data = parse(UkSchema, doc, where).data;
  const points = data.map((d) => {
    const start = epochMs(d.from, where);
    return { startMs: start, slotS: (epochMs(d.to, where) - start) / 1000, gPerKwh: d.intensity.forecast };
  });
  return {
    intensitySource: 'uk',
    source: 'UK Carbon Intensity API forecast, Great Britain (operational, half-hourly)',
    method: 'operational',
    fetchedAt: now.toISOString(),
    points: nonEmpty(points, where),
  };
}

const ElectricityMapsSchema = z.object({
  zone: z.string().max(100).optional(),
  forecast: z.array(z.object({ carbonIntensity: g, datetime: when })).max(MAX_POINTS),
  updatedAt: z.string().max(40).optional(),
});

/**
 * Electricity Maps: GET /v3/carbon-intensity/forecast?zone=DE with header auth-token →
 * {"zone","forecast":[{"carbonIntensity":N,"datetime":ISO}],"updatedAt"}: hourly points (the step is read
 * from the times). Lifecycle factors by default; `operational` asks for the direct ones
 * (`&emissionFactorType=direct`), so the forecast's method matches the live figure's.
 */
export async function electricityMapsForecast(
  req: ForecastRequest & { zone: string; token: string; method?: 'lifecycle' | 'operational' },
): Promise<Forecast> {
  const now = req.now ?? new Date();
  const base = baseUrl(req.env.CARBON_GATE_ELECTRICITYMAPS_URL, ELECTRICITY_MAPS_URL);
  const method = req.method ?? 'lifecycle';
  const url =
    `${base}/v3/carbon-intensity/forecast?zone=${encodeURIComponent(req.zone)}` +
    (method === 'operational' ? '&emissionFactorType=direct' : '');
  const doc = await getJson(url, { headers: { 'auth-token': req.token }, timeoutMs: req.timeoutMs });
  const where = 'Electricity Maps forecast';
  const answer = parse(ElectricityMapsSchema, doc, where);
  const times = answer.forecast.map((p) => epochMs(p.datetime, where));
  const slotS = stepS(times, 3600);
  const points = answer.forecast.map((p, i) => ({ startMs: times[i]!, slotS, gPerKwh: p.carbonIntensity }));
  return {
    intensitySource: 'electricity-maps',
    source: `Electricity Maps forecast, zone ${req.zone} (${method})${answer.updatedAt ? ` updated ${answer.updatedAt}` : ''}`,
    method,
    fetchedAt: now.toISOString(),
    points: nonEmpty(points, where),
  };
}

const WattTimeSchema = z.object({
  data: z.array(z.object({ point_time: when, value: g })).max(MAX_POINTS),
  meta: z.object({
    units: z.literal('lbs_co2_per_mwh'),
    data_point_period_seconds: z.number().positive().optional(),
  }),
});

/**
 * WattTime v3: GET /login (HTTP Basic) → {"token"}; GET /v3/forecast?region=R&signal_type=co2_moer with
 * the bearer token → {"data":[{"point_time":ISO,"value":N}],"meta":{"units":"lbs_co2_per_mwh",
 * "data_point_period_seconds":300}}; g/kWh = value × 0.453592. Marginal (MOER), 5-minute points.
 */
export async function wattTimeForecast(
  req: ForecastRequest & { region: string; username: string; password: string },
): Promise<Forecast> {
  const now = req.now ?? new Date();
  const base = baseUrl(req.env.CARBON_GATE_WATTTIME_URL, WATTTIME_URL);
  const basic = Buffer.from(`${req.username}:${req.password}`).toString('base64');
  const login = await getJson(`${base}/login`, {
    headers: { authorization: `Basic ${basic}` },
    timeoutMs: req.timeoutMs,
  });
  const token = parse(z.object({ token: z.string().min(1).max(10_000) }), login, 'WattTime login').token;
  const url = `${base}/v3/forecast?region=${encodeURIComponent(req.region)}&signal_type=co2_moer`;
  const doc = await getJson(url, { headers: { authorization: `Bearer ${token}` }, timeoutMs: req.timeoutMs });
  const where = 'WattTime forecast';
  const answer = parse(WattTimeSchema, doc, where);
  const times = answer.data.map((p) => epochMs(p.point_time, where));
  const slotS = answer.meta.data_point_period_seconds ?? stepS(times, 300);
  const points = answer.data.map((p, i) => ({
    startMs: times[i]!,
    slotS,
    gPerKwh: p.value * LBS_PER_MWH_TO_G_PER_KWH,
  }));
  return {
    intensitySource: 'watttime',
    source: `WattTime MOER forecast, region ${req.region} (marginal, lbs/MWh × 0.453592)`,
    method: 'marginal',
    fetchedAt: now.toISOString(),
    points: nonEmpty(points, where),
  };
}

export interface ForecastOutcome {
  forecast?: Forecast;
  /** A failed forecast: a warning, no hint; never an exit code. */
  warnings: string[];
}

const isForecastSource = (s: string): s is ForecastSource =>
  ['electricity-maps', 'watttime', 'uk'].includes(s);

/**
 * The forecast of the provider that gave this run's live figure, once per run. Nothing for embedded or
 * explicit intensities or a failed live fetch (the grid then says `embedded`): no forecast, no hint.
 */
export async function forecastFor(
  grid: GridIntensity,
  req: {
    zone?: string;
    credentials: Credentials;
    env: Record<string, string | undefined>;
    timeoutMs?: number;
    now?: Date;
  },
): Promise<ForecastOutcome> {
  const source = grid.intensitySource;
  if (!isForecastSource(source)) return { warnings: [] };
  const opts = { env: req.env, timeoutMs: req.timeoutMs, now: req.now };
  try {
    if (source === 'uk') return { forecast: await ukForecast(opts), warnings: [] };
    if (source === 'electricity-maps') {
      const token = req.credentials.electricityMapsToken;
      const zone = req.zone ?? (grid.grid === 'world' ? undefined : grid.grid);
      if (!token || !zone) return { warnings: [] };
      const method = grid.method === 'operational' ? 'operational' : 'lifecycle';
      return { forecast: await electricityMapsForecast({ ...opts, zone, token, method }), warnings: [] };
    }
    const creds = req.credentials.wattTime;
    if (!creds || !req.zone) return { warnings: [] };
    return { forecast: await wattTimeForecast({ ...opts, region: req.zone, ...creds }), warnings: [] };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { warnings: [`forecast from ${source}: ${why}; no cleaner-when hint`] };
  }
}
