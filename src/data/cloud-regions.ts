// Cloud regions (Azure, AWS, GCP) placed on grid locations, Google's own figure per GCP region, and
// provider PUE defaults, over data/cloud-regions.json (derived by scripts/derive-grid.mjs; see data/NOTICE.md).
import cloudData from '../../data/cloud-regions.json' with { type: 'json' };

export const CLOUD_PROVIDERS = ['azure', 'aws', 'gcp'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

/**
 * The provider's own published grid intensity for a region (today: Google's yearly figure per GCP region,
 * the newest year it lists the region). Location-based; `cfe` is Google's carbon-free energy share, kept as
 * information only and never subtracted (the SCI specification excludes market-based measures).
 */
export interface ProviderIntensity {
  gPerKwh: number;
  year: number;
  /** lifecycle (Google's 2019-2020 files) | operational (2021 on: operational gross, hourly-weighted). */
  method: string;
  /** Google CFE share, 0 to 1, when published for that year. */
  cfe?: number;
  source: string;
}

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
  /** The provider's own figure, when it publishes one (GCP); else the mapped grid's figure applies. */
  providerIntensity?: ProviderIntensity;
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
/** Callers get copies: the embedded table is never mutated through them. */
function copy(row: CloudRegion): CloudRegion {
  const out = { ...row };
  if (row.providerIntensity) out.providerIntensity = { ...row.providerIntensity };
  return out;
}

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
  return row ? copy(row) : null;
}

export function cloudRegionsOf(provider: CloudProvider): CloudRegion[] {
  return data.regions.filter((r) => r.provider === provider).map(copy);
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
