import { RegionError } from '../../errors/region-error.js';
import { resolveCredentials, type CredentialRefs } from '../credentials.js';
import { resolveEmbodied, isGithubHosted, type EmbodiedChoice, type EmbodiedConfig } from '../embodied.js';
import { selectIntensitySource, type IntensitySource } from '../intensity-source.js';
import type { GridMethod } from '../grid-method.js';
import { withAskedMethod, withExplicitIntensity } from '../live-grid.js';
import { resolvePue, type PueChoice } from '../pue.js';
import {
  resolveGridIntensity,
  wantsCloudDetection,
  type GridIntensity,
  type RegionInputs,
} from '../region.js';
import type { Forecast } from '../cleaner-when.js';
import { detectAzureRegion } from './azure-imds.js';
import { forecastFor } from './forecast.js';
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
    /** Config `intensity.method`: asked of providers that can give it; a notice when the figure is another. */
    method?: GridMethod;
    credentials?: CredentialRefs;
  };
  embodied?: EmbodiedConfig;
  /** Also fetch the live provider's forecast ("cleaner when": training benchmarks, `carbon-gate when`). */
  forecast?: boolean;
  env: Record<string, string | undefined>;
}

export interface CarbonSetup {
  grid: GridIntensity;
  pue: PueChoice;
  embodied: EmbodiedChoice;
  /** The live provider's forecast, when asked for and available. */
  forecast?: Forecast;
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
  let forecast: Forecast | undefined;
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
    const live = await applyLiveSource(grid, { source, zone: i.zone, method: i.method, credentials, env });
    grid = live.grid;
    warnings.push(...credentials.notices, ...live.warnings);
    if (inp.forecast) {
      const f = await forecastFor(grid, { zone: i.zone, credentials, env });
      forecast = f.forecast;
      warnings.push(...f.warnings);
    }
  }
  grid = withAskedMethod(grid, i.method);
  const pue = resolvePue({
    ...inp.pue,
    cloud: grid.cloud,
    provider: isGithubHosted(env) ? 'azure' : undefined,
  });
  const embodied = resolveEmbodied(inp.embodied, env);
  grid = { ...grid, notices: [...grid.notices, ...warnings] };
  return { grid, pue, embodied, warnings, ...(forecast ? { forecast } : {}) };
}
