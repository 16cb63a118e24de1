import { numberField, optionalString } from './fields.js';
import { getJson } from './http-json.js';
import { baseUrl, type LiveIntensity } from './live-intensity-types.js';

export const ELECTRICITY_MAPS_URL = 'https://api.electricitymap.org';

export interface ElectricityMapsRequest {
  zone: string;
  token: string;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}

/**
 * GET /v3/carbon-intensity/latest?zone=DE with header auth-token. Answer (per Electricity Maps'
 * API docs): {"zone","carbonIntensity","datetime","updatedAt","emissionFactorType","isEstimated",…}.
 */
export async function electricityMapsIntensity(req: ElectricityMapsRequest): Promise<LiveIntensity> {
  const base = baseUrl(req.env.CARBON_GATE_ELECTRICITYMAPS_URL, ELECTRICITY_MAPS_URL);
  const url = `${base}/v3/carbon-intensity/latest?zone=${encodeURIComponent(req.zone)}`;
  const doc = await getJson(url, { headers: { 'auth-token': req.token }, timeoutMs: req.timeoutMs });
  const where = 'Electricity Maps';
  const gPerKwh = numberField(doc, ['carbonIntensity'], where);
  const measuredAt = optionalString(doc, ['datetime']);
  // Electricity Maps defaults to lifecycle factors; the answer says which it used.
  const type = optionalString(doc, ['emissionFactorType']) ?? 'lifecycle';
  const estimated = (doc as { isEstimated?: unknown }).isEstimated === true ? ', estimated' : '';
  return {
    gPerKwh,
    method: type === 'direct' ? 'operational' : type,
    source: `Electricity Maps live, zone ${req.zone} (${type}${estimated})${measuredAt ? ` at ${measuredAt}` : ''}`,
    ...(measuredAt ? { measuredAt } : {}),
  };
}
