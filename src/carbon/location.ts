// One lookup over every embedded grid: countries (OWID), sub-national grids and cloud regions.
import { z } from 'zod';
import {
  allCloudRegionCodes,
  CLOUD_PROVIDERS,
  findCloudRegion,
  type CloudProvider,
  isCloudProvider,
} from '../data/cloud-regions.js';
import { allCountryCodes, findCountry, worldAverage } from '../data/grid-countries.js';
import { allSubnationalCodes, findSubnational } from '../data/grid-regions.js';

export const OWID_SOURCE = 'Ember and Energy Institute via Our World in Data (lifecycle, CC BY 4.0)';

/** A report field (carbon.cloud), so inferred from its schema (src/report/schema.ts builds on it). */
export const CloudPlacementSchema = z.object({
  provider: z.enum(CLOUD_PROVIDERS),
  region: z.string().max(100),
  pue: z.number().optional(),
  pueSource: z.string().max(300).optional(),
  /**
   * The provider's carbon-free energy share for the region (Google CFE, 0 to 1) in `cfeYear`: information
   * only, never subtracted from the intensity (the SCI specification excludes market-based measures).
   */
  cfe: z.number().min(0).max(1).optional(),
  cfeYear: z.number().optional(),
});
export type CloudPlacement = z.infer<typeof CloudPlacementSchema>;

export interface GridLocation {
  /** The code as the user wrote it, normalised: FR, FRA, US-WA, azure:eastus, world. */
  code: string;
  name: string;
  /** The grid the intensity describes: a country alpha-2/alpha-3, a sub-national code, or world. */
  grid: string;
  gPerKwh: number;
  year: number;
  /** lifecycle | operational | unspecified: methods differ across sources and are never mixed silently. */
  method: string;
  source: string;
  cloud?: CloudPlacement;
}

export function worldLocation(): GridLocation {
  const w = worldAverage();
  return {
    code: 'world',
    name: 'World average',
    grid: 'world',
    gPerKwh: w.gPerKwh,
    year: w.year,
    method: 'unspecified',
    source: w.source,
  };
}

/** A grid code (no cloud prefix): country alpha-2/alpha-3 or sub-national. */
function gridLocation(code: string): GridLocation | null {
  const upper = code.trim().toUpperCase();
  const country = findCountry(upper);
  if (country) {
    const grid = country.alpha2 ?? country.alpha3;
    return {
      code: upper,
      name: country.name,
      grid,
      gPerKwh: country.gPerKwh,
      year: country.year,
      method: 'lifecycle',
      source: OWID_SOURCE,
    };
  }
  const sub = findSubnational(upper);
  if (!sub) return null;
  return {
    code: sub.code,
    name: sub.name,
    grid: sub.code,
    gPerKwh: sub.gPerKwh,
    year: sub.year,
    method: sub.method,
    source: sub.source,
  };
}

/** Looks any region code up; null when unknown. "world" is the IEA 2019 average. */
export function lookupLocation(code: string): GridLocation | null {
  const trimmed = code.trim();
  if (trimmed.toLowerCase() === 'world') return worldLocation();
  const colon = trimmed.indexOf(':');
  if (colon < 0) return gridLocation(trimmed);
  const provider = trimmed.slice(0, colon).toLowerCase();
  if (!isCloudProvider(provider)) return null;
  const region = findCloudRegion(provider, trimmed.slice(colon + 1));
  const grid = region ? gridLocation(region.location) : null;
  if (!region || !grid) return null;
  const cloud: CloudPlacement = { provider, region: region.id };
  if (region.pue !== undefined) Object.assign(cloud, { pue: region.pue, pueSource: region.pueSource });
  const place = {
    code: `${provider}:${region.id}`,
    // The grid stays named: it is the zone a live provider is asked for.
    name: `${region.name}, grid ${grid.code} (${grid.name})`,
  };
  const own = region.providerIntensity;
  if (own) {
    // The provider's own figure first (Google's, per GCP region and year); its CFE share is shown, not used.
    let source = own.source;
    if (own.cfe !== undefined) {
      Object.assign(cloud, { cfe: own.cfe, cfeYear: own.year });
      source += `; ${PROVIDER_NAMES[provider]} CFE ${Math.round(own.cfe * 100)} %, not subtracted`;
    }
    return { ...grid, ...place, gPerKwh: own.gPerKwh, year: own.year, method: own.method, source, cloud };
  }
  // No provider figure (AWS, Azure): the grid the region is mapped to stands in, and the source says so.
  return {
    ...grid,
    ...place,
    source:
      `mapping, no ${PROVIDER_NAMES[provider]} figure published: grid of ${grid.name} (${grid.grid}) used, ` +
      `placed by ${region.locationSource}; ${grid.source}`,
    cloud,
  };
}

const PROVIDER_NAMES: Record<CloudProvider, string> = { azure: 'Azure', aws: 'AWS', gcp: 'Google' };

/** Every accepted code, for "did you mean": countries, sub-national grids, cloud regions, world. */
export function allRegionCodes(): string[] {
  return [...allCountryCodes(), ...allSubnationalCodes(), ...allCloudRegionCodes(), 'world'];
}
