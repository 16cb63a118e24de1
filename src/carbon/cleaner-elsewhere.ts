import { cloudRegionsOf, providerPue, type CloudProvider } from '../data/cloud-regions.js';
import { lookupLocation } from './location.js';

export interface RegionCost {
  region: string;
  name: string;
  intensityGPerKwh: number;
  pue: number;
  operationalG: number;
}

export interface CleanerElsewhere {
  provider: CloudProvider;
  cleanest: RegionCost;
  dirtiest: RegionCost;
}

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
