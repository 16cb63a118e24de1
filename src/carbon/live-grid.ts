import type { GridIntensity } from './region.js';

/** A live figure replaces the embedded one; the region stays, the provenance changes with it. */
export function withLiveIntensity(
  grid: GridIntensity,
  source: 'electricity-maps' | 'watttime' | 'uk',
  live: { gPerKwh: number; measuredAt?: string; method: string; source: string },
  extraNotices: string[] = [],
): GridIntensity {
  const year = live.measuredAt ? new Date(live.measuredAt).getUTCFullYear() : NaN;
  const out: GridIntensity = {
    ...grid,
    intensityGPerKwh: live.gPerKwh,
    // A provider time that does not parse keeps the embedded year rather than printing NaN.
    year: Number.isFinite(year) ? year : grid.year,
    source: live.source,
    method: live.method,
    intensitySource: source,
    notices: [...grid.notices, ...extraNotices],
  };
  if (live.measuredAt) out.measuredAt = live.measuredAt;
  return out;
}

/** `--intensity G`: the user's figure wins over every table and provider. */
export function withExplicitIntensity(
  grid: GridIntensity,
  gPerKwh: number,
  year: number,
  from: string,
): GridIntensity {
  const given = {
    ...grid,
    intensityGPerKwh: gPerKwh,
    year,
    source: `given with ${from}`,
    method: 'as given',
    intensitySource: 'explicit' as const,
  };
  // No region was named: the world-average notice would be false, the figure is the user's own.
  if (grid.origin !== 'default') return given;
  return {
    ...given,
    region: 'custom',
    regionName: `intensity given with ${from}`,
    grid: 'custom',
    notices: [],
  };
}
