import { z } from 'zod';
import { closestMatches } from '../text/did-you-mean.js';
import { normaliseMethod, type GridMethod, type IntensityMethod } from './grid-method.js';
import {
  allRegionCodes,
  lookupLocation,
  worldLocation,
  type CloudPlacement,
  type GridLocation,
} from './location.js';

// The report carries both (carbon.regionOrigin, carbon.intensitySource): src/report/schema.ts uses these.
export const RegionOriginSchema = z.enum(['flag', 'config', 'env', 'cloud-detection', 'default']);
export type RegionOrigin = z.infer<typeof RegionOriginSchema>;
export const IntensitySourceNameSchema = z.enum([
  'embedded',
  'electricity-maps',
  'watttime',
  'uk',
  'explicit',
]);
export type IntensitySourceName = z.infer<typeof IntensitySourceNameSchema>;

export interface GridIntensity {
  /** The code asked for (upper case; cloud regions as provider:id), or "world". */
  region: string;
  regionName: string;
  origin: RegionOrigin;
  /** The grid the intensity describes (country alpha-2, sub-national code, or world): providers' zone. */
  grid: string;
  intensityGPerKwh: number;
  year: number;
  source: string;
  /** lifecycle | operational | marginal where known; unspecified or "as given" otherwise (grid-method.ts). */
  method: IntensityMethod;
  /** Config `intensity.method`: the method asked for; a notice says when `method` is another. */
  methodAsked?: GridMethod;
  intensitySource: IntensitySourceName;
  /** Live providers only: the time the figure describes. */
  measuredAt?: string;
  cloud?: CloudPlacement;
  notices: string[];
}

/** An unknown code: `detail` says what was expected and suggests; `origin` says who gave it. */
export type RegionResult =
  { ok: true; grid: GridIntensity } | { ok: false; origin: 'flag' | 'config' | 'env'; detail: string };

/** The outcome of cloud detection (I/O done by the caller): a region code or why there is none. */
export type Detected = { region: string } | { failure: string };

export interface RegionInputs {
  flag?: string;
  config?: string;
  env?: string;
  /** CARBON_GATE_DETECT_CLOUD=1: detect when nothing explicit is given. */
  detectCloud?: boolean;
  detected?: Detected;
}

type Pick = { code: string; origin: 'flag' | 'config' | 'env' } | { detect: true } | { world: true };

/** flag → config → env; "auto" in any of them, or detectCloud with none given, asks for detection. */
export function pickRegion(inputs: RegionInputs): Pick {
  for (const origin of ['flag', 'config', 'env'] as const) {
    const value = inputs[origin]?.trim();
    if (!value) continue;
    if (value.toLowerCase() === 'auto') return { detect: true };
    return { code: value, origin };
  }
  return inputs.detectCloud ? { detect: true } : { world: true };
}

/** True when resolveGridIntensity will want a `detected` result: the caller then queries Azure IMDS. */
export function wantsCloudDetection(inputs: RegionInputs): boolean {
  return 'detect' in pickRegion(inputs);
}

function fromLocation(loc: GridLocation, origin: RegionOrigin, notices: string[]): GridIntensity {
  const grid: GridIntensity = {
    region: loc.code,
    regionName: loc.name,
    origin,
    grid: loc.grid,
    intensityGPerKwh: loc.gPerKwh,
    year: loc.year,
    source: loc.source,
    method: normaliseMethod(loc.method),
    intensitySource: 'embedded',
    notices,
  };
  if (loc.cloud) grid.cloud = loc.cloud;
  return grid;
}

function worldDefault(reason: string): GridIntensity {
  const w = worldLocation();
  const notice =
    `${reason}: using the world average ${w.gPerKwh} g/kWh (${w.source}); ` +
    'set the region (--region or the region input, `region` in the config, or CARBON_GATE_REGION)';
  return fromLocation(w, 'default', [notice]);
}

function unknownCode(code: string, origin: 'flag' | 'config' | 'env'): RegionResult {
  const near = closestMatches(code.trim(), allRegionCodes(), 3);
  const hint = near.length ? `; closest: ${near.join(', ')}` : '';
  return {
    ok: false,
    origin,
    detail:
      `expected an ISO 3166-1 country code (FR, FRA), an ISO 3166-2 subdivision (US-WA), ` +
      `a cloud region (azure:eastus, aws:eu-north-1, gcp:europe-west1), "auto" or "world", found "${code}"${hint}`,
  };
}

/**
 * Resolution order: the override (--region, the region input), config `region`, env CARBON_GATE_REGION, cloud detection (when
 * "auto" or CARBON_GATE_DETECT_CLOUD=1), else the world average with a notice. Pure: detection's
 * I/O result comes in as `detected`. Unknown codes are errors (exit 2), never silently defaulted.
 */
export function resolveGridIntensity(inputs: RegionInputs): RegionResult {
  const pick = pickRegion(inputs);
  if ('world' in pick) return { ok: true, grid: worldDefault('no region given') };
  if ('detect' in pick) {
    const d = inputs.detected ?? { failure: 'detection was not run' };
    if ('failure' in d)
      return { ok: true, grid: worldDefault(`cloud region detection failed (${d.failure})`) };
    const loc = lookupLocation(d.region);
    if (!loc)
      return {
        ok: true,
        grid: worldDefault(`detected cloud region "${d.region}" is not in the embedded table`),
      };
    return { ok: true, grid: fromLocation(loc, 'cloud-detection', []) };
  }
  const loc = lookupLocation(pick.code);
  if (!loc) return unknownCode(pick.code, pick.origin);
  return { ok: true, grid: fromLocation(loc, pick.origin, []) };
}
