import type { Credentials } from '../credentials.js';
import type { GridMethod } from '../grid-method.js';
import type { IntensitySource } from '../intensity-source.js';
import { withLiveIntensity } from '../live-grid.js';
import type { GridIntensity } from '../region.js';
import { electricityMapsIntensity } from './electricity-maps.js';
import { ukIntensity } from './uk-carbon-intensity.js';
import { wattTimeIntensity } from './watttime.js';

export interface LiveRequest {
  source: IntensitySource;
  /** Provider zone/region override (config `intensity.zone`); else the resolved grid's code. */
  zone?: string;
  credentials: Credentials;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Config `intensity.method`: asked of providers that can give either (Electricity Maps). */
  method?: GridMethod;
}

export interface LiveOutcome {
  grid: GridIntensity;
  /** Printed on stderr by the CLI: a fallback happened. Never contains a credential. */
  warnings: string[];
}

const UK_NOTICE =
  'UK Carbon Intensity gives operational (direct) emissions, not lifecycle: lower than the embedded figures';
const WATTTIME_NOTICE =
  'WattTime MOER is a marginal signal (the plant that answers extra demand), not an average';

/** One live fetch per run; any failure → a warning and the embedded figure, never an exit code. */
export async function applyLiveSource(grid: GridIntensity, req: LiveRequest): Promise<LiveOutcome> {
  if (req.source === 'embedded') return { grid, warnings: [] };
  const fallback = (why: string): LiveOutcome => ({
    grid,
    warnings: [
      `intensity source ${req.source}: ${why}; using the embedded ${grid.intensityGPerKwh} g/kWh for ${grid.region}`,
    ],
  });
  const zone = req.zone ?? (grid.grid === 'world' ? undefined : grid.grid);
  try {
    if (req.source === 'electricity-maps') {
      const token = req.credentials.electricityMapsToken;
      if (!token)
        return fallback(
          'no token (the Electricity Maps token flag or input, the variable `intensity.tokenEnv` names, or CARBON_GATE_ELECTRICITY_MAPS_TOKEN)',
        );
      if (!zone) return fallback('no zone: set a region or `intensity.zone`');
      const live = await electricityMapsIntensity({
        zone,
        token,
        env: req.env,
        timeoutMs: req.timeoutMs,
        ...(req.method ? { method: req.method } : {}),
      });
      return { grid: withLiveIntensity(grid, 'electricity-maps', live), warnings: [] };
    }
    if (req.source === 'watttime') {
      const creds = req.credentials.wattTime;
      if (!creds)
        return fallback(
          'no credentials (the WattTime inputs, the variables `intensity.usernameEnv`/`passwordEnv` name, or CARBON_GATE_WATTTIME_USERNAME and CARBON_GATE_WATTTIME_PASSWORD)',
        );
      if (!req.zone)
        return fallback('WattTime needs its own region name: set `intensity.zone` (e.g. CAISO_NORTH)');
      const live = await wattTimeIntensity({
        region: req.zone,
        ...creds,
        env: req.env,
        timeoutMs: req.timeoutMs,
      });
      return { grid: withLiveIntensity(grid, 'watttime', live, [WATTTIME_NOTICE]), warnings: [] };
    }
    // UK: Great Britain only. With no region given at all, choosing this source says where we are.
    if (grid.grid !== 'GB' && grid.origin !== 'default')
      return fallback(`covers Great Britain only, region is ${grid.region}`);
    const live = await ukIntensity({ env: req.env, timeoutMs: req.timeoutMs });
    const gb =
      grid.grid === 'GB'
        ? grid
        : { ...grid, region: 'GB', regionName: 'Great Britain', grid: 'GB', notices: [] };
    return { grid: withLiveIntensity(gb, 'uk', live, [UK_NOTICE]), warnings: [] };
  } catch (e) {
    return fallback(e instanceof Error ? e.message : String(e));
  }
}
