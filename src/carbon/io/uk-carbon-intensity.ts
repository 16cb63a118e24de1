import { field, numberField, optionalString } from './fields.js';
import { getJson } from './http-json.js';
import { baseUrl, type LiveIntensity } from './live-intensity-types.js';

export const UK_CARBON_INTENSITY_URL = 'https://api.carbonintensity.org.uk';

export interface UkRequest {
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}

/**
 * National Grid ESO's Carbon Intensity API: GET /intensity →
 * {"data":[{"from","to","intensity":{"forecast","actual","index"}}]}. Great Britain only, no key.
 * Operational (direct) emissions: lower than lifecycle figures. `actual` is null for the open period,
 * so the forecast stands in for it.
 */
export async function ukIntensity(req: UkRequest): Promise<LiveIntensity> {
  const base = baseUrl(req.env.CARBON_GATE_UK_CARBON_INTENSITY_URL, UK_CARBON_INTENSITY_URL);
  const doc = await getJson(`${base}/intensity`, { timeoutMs: req.timeoutMs });
  const where = 'UK Carbon Intensity';
  const actual = field(doc, ['data', 0, 'intensity'], where) as { actual?: unknown };
  const kind = typeof actual.actual === 'number' ? 'actual' : 'forecast';
  const gPerKwh = numberField(doc, ['data', 0, 'intensity', kind], where);
  const measuredAt = optionalString(doc, ['data', 0, 'from']);
  return {
    gPerKwh,
    method: 'operational',
    source: `UK Carbon Intensity API live, Great Britain (operational, ${kind})${measuredAt ? ` at ${measuredAt}` : ''}`,
    ...(measuredAt ? { measuredAt } : {}),
  };
}
