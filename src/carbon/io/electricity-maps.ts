import type { GridMethod } from '../grid-method.js';
import { numberField, optionalString } from './fields.js';
import { getJson } from './http-json.js';
import { baseUrl, type LiveIntensity } from './live-intensity-types.js';

export const ELECTRICITY_MAPS_URL = 'https://api.electricitymap.org';

export interface ElectricityMapsRequest {
  zone: string;
  token: string;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Config `intensity.method`: lifecycle or operational is asked for (emissionFactorType); marginal it has not. */
  method?: GridMethod;
}

/** The API's emissionFactorType for a method: operational figures are its "direct" factors. */
const FACTOR_TYPE: Partial<Record<GridMethod, string>> = { lifecycle: 'lifecycle', operational: 'direct' };

/**
 * GET /v3/carbon-intensity/latest?zone=DE with header auth-token. Answer (per Electricity Maps'
 * API docs): {"zone","carbonIntensity","datetime","updatedAt","emissionFactorType","isEstimated",…}.
 * `&emissionFactorType=lifecycle|direct` asks for a method; the answer's own field is what is recorded.
 */
export async function electricityMapsIntensity(req: ElectricityMapsRequest): Promise<LiveIntensity> {
  const base = baseUrl(req.env.CARBON_GATE_ELECTRICITYMAPS_URL, ELECTRICITY_MAPS_URL);
  const factor = req.method ? FACTOR_TYPE[req.method] : undefined;
  const url =
    `${base}/v3/carbon-intensity/latest?zone=${encodeURIComponent(req.zone)}` +
    (factor ? `&emissionFactorType=${factor}` : '');
  const doc = await getJson(url, { headers: { 'auth-token': req.token }, timeoutMs: req.timeoutMs });
  const where = 'Electricity Maps';
  const gPerKwh = numberField(doc, ['carbonIntensity'], where);
  const measuredAt = optionalString(doc, ['datetime']);
  // The answer says which factors it used; else those asked for, else Electricity Maps' default, lifecycle.
  const type = optionalString(doc, ['emissionFactorType']) ?? factor ?? 'lifecycle';
  const estimated = (doc as { isEstimated?: unknown }).isEstimated === true ? ', estimated' : '';
  return {
    gPerKwh,
    method: type === 'direct' ? 'operational' : type,
    source: `Electricity Maps live, zone ${req.zone} (${type}${estimated})${measuredAt ? ` at ${measuredAt}` : ''}`,
    ...(measuredAt ? { measuredAt } : {}),
  };
}
