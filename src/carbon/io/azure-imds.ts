import { field } from './fields.js';
import { getJson } from './http-json.js';
import { baseUrl } from './live-intensity-types.js';
import { ProviderError } from './provider-error.js';
import type { Detected } from '../region.js';

export const AZURE_IMDS_URL = 'http://169.254.169.254';

/**
 * Azure Instance Metadata Service: GET /metadata/instance/compute?api-version=2021-02-01 with header
 * "Metadata: true" → {"location":"eastus",…}. GitHub-hosted runners are Azure VMs. One attempt, 1 s:
 * off Azure the link-local address does not answer and the run must not wait for it.
 */
export async function detectAzureRegion(
  env: Record<string, string | undefined>,
  timeoutMs = 1000,
): Promise<Detected> {
  const base = baseUrl(env.CARBON_GATE_AZURE_IMDS_URL, AZURE_IMDS_URL);
  try {
    const doc = await getJson(`${base}/metadata/instance/compute?api-version=2021-02-01`, {
      headers: { Metadata: 'true' },
      timeoutMs: Math.min(timeoutMs, 1000),
      retries: 0,
    });
    const location = field(doc, ['location'], 'Azure IMDS');
    if (typeof location !== 'string' || location === '')
      throw new ProviderError('malformed', 'Azure IMDS: location is not a string');
    return { region: `azure:${location}` };
  } catch (e) {
    return { failure: e instanceof Error ? e.message : String(e) };
  }
}
