import { field, numberField, optionalString } from './fields.js';
import { getJson } from './http-json.js';
import { baseUrl, type LiveIntensity } from './live-intensity-types.js';
import { ProviderError } from './provider-error.js';

export const WATTTIME_URL = 'https://api.watttime.org';
/** lbs/MWh → g/kWh: 453.592 g per lb ÷ 1,000 kWh per MWh. */
export const LBS_PER_MWH_TO_G_PER_KWH = 0.453592;

export interface WattTimeRequest {
  /** WattTime region (balancing authority), e.g. CAISO_NORTH. */
  region: string;
  username: string;
  password: string;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}

/**
 * WattTime v3: GET /login with HTTP Basic → {"token"} (valid 30 min), then
 * GET /v3/forecast?region=…&signal_type=co2_moer → data[{point_time,value}], meta.units
 * "lbs_co2_per_mwh". The first forecast point is used. MOER is a marginal signal, not an average.
 */
export async function wattTimeIntensity(req: WattTimeRequest): Promise<LiveIntensity> {
  const base = baseUrl(req.env.CARBON_GATE_WATTTIME_URL, WATTTIME_URL);
  const basic = Buffer.from(`${req.username}:${req.password}`).toString('base64');
  const login = await getJson(`${base}/login`, {
    headers: { authorization: `Basic ${basic}` },
    timeoutMs: req.timeoutMs,
  });
  const token = field(login, ['token'], 'WattTime login');
  if (typeof token !== 'string' || token === '')
    throw new ProviderError('malformed', 'WattTime login: token is not a string');
  const url = `${base}/v3/forecast?region=${encodeURIComponent(req.region)}&signal_type=co2_moer`;
  const doc = await getJson(url, { headers: { authorization: `Bearer ${token}` }, timeoutMs: req.timeoutMs });
  const units = optionalString(doc, ['meta', 'units']);
  if (units !== 'lbs_co2_per_mwh') {
    throw new ProviderError(
      'malformed',
      `WattTime forecast: expected meta.units "lbs_co2_per_mwh", found ${JSON.stringify(units ?? null)}`,
    );
  }
  const value = numberField(doc, ['data', 0, 'value'], 'WattTime forecast');
  const measuredAt = optionalString(doc, ['data', 0, 'point_time']);
  return {
    gPerKwh: value * LBS_PER_MWH_TO_G_PER_KWH,
    method: 'marginal',
    source: `WattTime live MOER forecast, region ${req.region} (marginal, ${value} lbs/MWh × 0.453592)${measuredAt ? ` at ${measuredAt}` : ''}`,
    ...(measuredAt ? { measuredAt } : {}),
  };
}
