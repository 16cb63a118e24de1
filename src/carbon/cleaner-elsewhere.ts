import { z } from 'zod';
import { CLOUD_PROVIDERS, cloudRegionsOf, providerPue, type CloudProvider } from '../data/cloud-regions.js';
import { lookupLocation } from './location.js';

// Report fields (carbon.cleanerElsewhere), so inferred from their schemas (src/report/schema.ts builds on them).
export const RegionCostSchema = z.object({
  region: z.string().max(100),
  name: z.string().max(200),
  intensityGPerKwh: z.number(),
  pue: z.number(),
  operationalG: z.number(),
});
export type RegionCost = z.infer<typeof RegionCostSchema>;

export const CleanerElsewhereSchema = z.object({
  provider: z.enum(CLOUD_PROVIDERS),
  cleanest: RegionCostSchema,
  dirtiest: RegionCostSchema,
});
export type CleanerElsewhere = z.infer<typeof CleanerElsewhereSchema>;

/**
 * The same IT energy in the provider's cleanest and dirtiest regions (embedded intensities, each
 * region's PUE): a hint of what moving the job would change. Operational emissions only.
 */
export function cleanerElsewhere(provider: CloudProvider, energyKwh: number): CleanerElsewhere | null {
  const fallbackPue = providerPue(provider).pue;
  const costs: RegionCost[] = [];
  for (const r of cloudRegionsOf(provider)) {
    const loc = lookupLocation(`${provider}:${r.id}`);
    if (!loc) continue;
    const pue = r.pue ?? fallbackPue;
    costs.push({
      region: loc.code,
      name: loc.name,
      intensityGPerKwh: loc.gPerKwh,
      pue,
      operationalG: energyKwh * pue * loc.gPerKwh,
    });
  }
  if (costs.length === 0) return null;
  // Ties broken by code so the hint is stable across runs.
  costs.sort((a, b) => a.operationalG - b.operationalG || (a.region < b.region ? -1 : 1));
  return { provider, cleanest: costs[0]!, dirtiest: costs[costs.length - 1]! };
}
