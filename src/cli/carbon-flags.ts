import { isIntensitySource, INTENSITY_SOURCES, type IntensitySource } from '../carbon/intensity-source.js';
import type { EngineOverrides } from '../engine/types.js';
import { UsageError } from '../errors/usage-error.js';

/** Carbon flags shared by run, meter and footprint (node:util parseArgs option specs). */
export const CARBON_FLAG_OPTIONS = {
  region: { type: 'string' },
  pue: { type: 'string' },
  intensity: { type: 'string' },
  'intensity-source': { type: 'string' },
  'electricity-maps-token': { type: 'string' },
} as const;

export interface CarbonFlagValues {
  region?: string;
  pue?: string;
  intensity?: string;
  'intensity-source'?: string;
  'electricity-maps-token'?: string;
}

/** A number flag within [min, max]; anything else is a one-line usage error (exit 2). */
export function numberFlag(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--${name}: expected a number from ${min} to ${max}, found "${text}"`);
  }
  return value;
}

export function intensitySourceFlag(text: string | undefined): IntensitySource | undefined {
  if (text === undefined) return undefined;
  if (!isIntensitySource(text)) {
    throw new UsageError(
      `--intensity-source: expected one of ${INTENSITY_SOURCES.join(', ')}, found "${text}"`,
    );
  }
  return text;
}

export interface ParsedCarbonFlags {
  region?: string;
  pue?: number;
  intensity?: number;
  source?: IntensitySource;
  electricityMapsToken?: string;
}

export function parseCarbonFlags(v: CarbonFlagValues): ParsedCarbonFlags {
  const out: ParsedCarbonFlags = {};
  if (v.region !== undefined) out.region = v.region;
  const pue = numberFlag('pue', v.pue, 1, 3);
  if (pue !== undefined) out.pue = pue;
  const intensity = numberFlag('intensity', v.intensity, 0, 5000);
  if (intensity !== undefined) out.intensity = intensity;
  const source = intensitySourceFlag(v['intensity-source']);
  if (source) out.source = source;
  if (v['electricity-maps-token']) out.electricityMapsToken = v['electricity-maps-token'];
  return out;
}

/** The flags as engine overrides (plain data; the engine knows nothing of flags). */
export function carbonOverrides(f: ParsedCarbonFlags): Omit<EngineOverrides, 'benchEnv'> {
  return {
    ...(f.region !== undefined ? { region: f.region } : {}),
    ...(f.pue !== undefined ? { pue: f.pue } : {}),
    ...(f.intensity !== undefined ? { intensity: f.intensity } : {}),
    ...(f.source ? { intensitySource: f.source } : {}),
    ...(f.electricityMapsToken ? { credentials: { electricityMapsToken: f.electricityMapsToken } } : {}),
  };
}

/** Help lines for these flags, for each command's --help. */
export const CARBON_FLAG_HELP = `  --region CODE   grid region: FR, FRA, US-WA, azure:eastus, aws:eu-north-1, gcp:europe-west1, auto or world;
                  beats config and CARBON_GATE_REGION
  --pue P         data-centre PUE, 1 to 3 (default: config, else the cloud provider's, else 1.0)
  --intensity G   grid intensity in g CO2e/kWh, instead of tables and providers
  --intensity-source S          embedded | electricity-maps | watttime | uk (one fetch; falls back on failure)
  --electricity-maps-token T    Electricity Maps token; ps and the benchmarks (/proc) can read it:
                                better: env CARBON_GATE_ELECTRICITY_MAPS_TOKEN`;
