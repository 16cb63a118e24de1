// Cloud regions (Azure, AWS, GCP) mapped to grid locations, and provider PUE defaults, over
// data/cloud-regions.json (derived by scripts/derive-grid.mjs; see data/NOTICE.md).
import cloudData from '../../data/cloud-regions.json' with { type: 'json' };

export const CLOUD_PROVIDERS = ['azure', 'aws', 'gcp'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

export interface CloudRegion {
  provider: string;
  /** The provider's own id: eastus, eu-north-1, europe-west1. */
  id: string;
  name: string;
  /** Grid location code: a country alpha-2 or a sub-national code of grid-regions.json. */
  location: string;
  locationSource: string;
  /** Region-specific PUE where the provider publishes one (some GCP regions). */
  pue?: number;
  pueSource?: string;
}

export interface ProviderPue {
  pue: number;
  source: string;
}

interface CloudFile {
  pue: Record<string, ProviderPue>;
  regions: CloudRegion[];
}

const data: CloudFile = cloudData;
const byKey = new Map(data.regions.map((r) => [`${r.provider}:${r.id}`, r]));

export function isCloudProvider(name: string): name is CloudProvider {
  return (CLOUD_PROVIDERS as readonly string[]).includes(name);
}

/** "azure:eastus", "AWS:eu-north-1"; Azure display names work too ("azure:East US"). */
export function findCloudRegion(provider: string, id: string): CloudRegion | null {
  const p = provider.trim().toLowerCase();
  const raw = id.trim().toLowerCase();
  // Azure's API ids are its display names without spaces ("West US 2" -> westus2).
  const key = `${p}:${p === 'azure' ? raw.replace(/[^a-z0-9]/g, '') : raw}`;
  const row = byKey.get(key);
  return row ? { ...row } : null;
}

export function cloudRegionsOf(provider: CloudProvider): CloudRegion[] {
  return data.regions.filter((r) => r.provider === provider).map((r) => ({ ...r }));
}

/** Every "provider:id" key, sorted: candidates for "did you mean". */
export function allCloudRegionCodes(): string[] {
  return [...byKey.keys()].sort();
}

/** Provider-wide PUE default (Green Algorithms' table); "unknown" is the industry average. */
export function providerPue(provider: CloudProvider | 'unknown'): ProviderPue {
  const row = data.pue[provider];
  if (!row) throw new Error(`no PUE default for ${provider}`);
  return { ...row };
}
