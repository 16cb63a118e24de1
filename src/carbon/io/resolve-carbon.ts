import { RegionError } from '../../errors/region-error.js';
import { resolveCredentials, type CredentialRefs } from '../credentials.js';
import { resolveEmbodied, isGithubHosted, type EmbodiedChoice, type EmbodiedConfig } from '../embodied.js';
import { selectIntensitySource, type IntensitySource } from '../intensity-source.js';
import { withExplicitIntensity } from '../live-grid.js';
import { resolvePue, type PueChoice } from '../pue.js';
import {
  resolveGridIntensity,
  wantsCloudDetection,
  type GridIntensity,
  type RegionInputs,
} from '../region.js';
import { detectAzureRegion } from './azure-imds.js';
import { applyLiveSource } from './live-intensity.js';

export interface CarbonInputs {
  region: { flag?: string; config?: string };
  pue: { flag?: number; config?: number };
  intensity?: {
    /** --intensity G: beats tables and providers. */
    value?: number;
    sourceFlag?: IntensitySource;
    sourceConfig?: IntensitySource;
    zone?: string;
    credentials?: CredentialRefs;
  };
  embodied?: EmbodiedConfig;
  env: Record<string, string | undefined>;
}

export interface CarbonSetup {
  grid: GridIntensity;
  pue: PueChoice;
  embodied: EmbodiedChoice;
  /** Fallbacks worth a line on stderr (also kept in the report's notices). */
  warnings: string[];
}

/**
 * Region (with optional Azure IMDS detection), intensity (embedded, explicit or one live fetch),
 * PUE and embodied model: everything the CO2e conversion needs, done once per run.
 * Throws RegionError for an unknown region code, before any benchmark runs.
 */
export async function resolveCarbon(inp: CarbonInputs): Promise<CarbonSetup> {
  const env = inp.env;
  const regionInputs: RegionInputs = {
    ...inp.region,
    env: env.CARBON_GATE_REGION,
    detectCloud: env.CARBON_GATE_DETECT_CLOUD === '1' || env.CARBON_GATE_DETECT_CLOUD === 'true',
  };
  if (wantsCloudDetection(regionInputs)) regionInputs.detected = await detectAzureRegion(env);
  const resolved = resolveGridIntensity(regionInputs);
  if (!resolved.ok) throw new RegionError(resolved.origin, resolved.detail);
  let grid = resolved.grid;
  const warnings: string[] = [];
  const i = inp.intensity ?? {};
  if (i.value !== undefined) {
    grid = withExplicitIntensity(grid, i.value, new Date().getUTCFullYear(), '--intensity');
  } else {
    const credentials = resolveCredentials(i.credentials ?? {}, env);
    const source = selectIntensitySource(
      i.sourceFlag,
      i.sourceConfig,
      credentials.electricityMapsToken !== undefined,
    );
    const live = await applyLiveSource(grid, { source, zone: i.zone, credentials, env });
    grid = live.grid;
    warnings.push(...credentials.notices, ...live.warnings);
  }
  const pue = resolvePue({
    ...inp.pue,
    cloud: grid.cloud,
    provider: isGithubHosted(env) ? 'azure' : undefined,
  });
  const embodied = resolveEmbodied(inp.embodied, env);
  grid = { ...grid, notices: [...grid.notices, ...warnings] };
  return { grid, pue, embodied, warnings };
}
