import { methodNotMet, normaliseMethod, type GridMethod } from './grid-method.js';
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
    method: normaliseMethod(live.method),
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
    method: 'as given' as const,
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

/**
 * Config `intensity.method`: records what was asked and, when the resolved figure is of another method,
 * says so in a notice (the gate adds the verdict line). The figure is kept: no factor converts one method
 * into another, and swapping sources silently would be worse.
 */
export function withAskedMethod(grid: GridIntensity, asked: GridMethod | undefined): GridIntensity {
  if (asked === undefined) return grid;
  const out: GridIntensity = { ...grid, methodAsked: asked };
  const line = methodNotMet({ ...grid, methodAsked: asked });
  if (line)
    out.notices = [...grid.notices, `${line}: the figure is kept as the source gives it, not converted`];
  return out;
}
