import { allCountryCodes, findCountry, worldAverage } from '../data/grid-countries.js';
import { closestMatches } from '../text/did-you-mean.js';

export type RegionOrigin = 'flag' | 'config' | 'env' | 'default';

export interface GridIntensity {
  /** The code asked for (upper case), or "world". */
  region: string;
  regionName: string;
  origin: RegionOrigin;
  intensityGPerKwh: number;
  year: number;
  source: string;
  notices: string[];
}

export type RegionResult = { ok: true; grid: GridIntensity } | { ok: false; message: string };

/** Resolution order: --region flag, then config `region`, then env CARBON_GATE_REGION, else the world average. */
export function resolveGridIntensity(inputs: { flag?: string; config?: string; env?: string }): RegionResult {
  const picked: [string | undefined, RegionOrigin][] = [
    [inputs.flag, 'flag'],
    [inputs.config, 'config'],
    [inputs.env, 'env'],
  ];
  const [code, origin] = picked.find(([v]) => v !== undefined && v.trim() !== '') ?? [undefined, 'default'];
  const world = worldAverage();
  if (code === undefined || code.trim().toLowerCase() === 'world') {
    const notices =
      code === undefined
        ? [
            `no region given: using the world average ${world.gPerKwh} g/kWh (${world.source}); ` +
              'set --region, `region` in the config or CARBON_GATE_REGION',
          ]
        : [];
    const grid = {
      region: 'world',
      regionName: 'World average',
      origin: origin as RegionOrigin,
      intensityGPerKwh: world.gPerKwh,
      year: world.year,
      source: world.source,
      notices,
    };
    return { ok: true, grid };
  }
  const country = findCountry(code.trim());
  if (!country) {
    const near = closestMatches(code.trim().toUpperCase(), [...allCountryCodes(), 'world'], 3);
    const hint = near.length ? `; closest: ${near.join(', ')}` : '';
    const from = origin === 'flag' ? '--region' : origin === 'config' ? 'region' : 'CARBON_GATE_REGION';
    return {
      ok: false,
      message: `${from}: expected an ISO 3166-1 country code (FR, FRA) or "world", found "${code}"${hint}`,
    };
  }
  return {
    ok: true,
    grid: {
      region: code.trim().toUpperCase(),
      regionName: country.name,
      origin: origin as RegionOrigin,
      intensityGPerKwh: country.gPerKwh,
      year: country.year,
      source: 'Ember and Energy Institute via Our World in Data (lifecycle, CC BY 4.0)',
      notices: [],
    },
  };
}
