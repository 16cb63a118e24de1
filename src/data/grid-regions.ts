// Sub-national grid intensities over data/grid-regions.json (derived by scripts/derive-grid.mjs;
// see data/NOTICE.md): US states, Canadian provinces, Australian states, Nordic bidding zones.
import regionData from '../../data/grid-regions.json' with { type: 'json' };

export interface SubnationalIntensity {
  /** ISO 3166-2 code (US-WA, AU-VIC), or an Electricity Maps-style bidding zone (SE-SE3). */
  code: string;
  name: string;
  gPerKwh: number;
  year: number;
  /** "operational" (generation factors) or "unspecified": never silently called lifecycle. */
  method: string;
  source: string;
}

interface RegionFile {
  aliases: Record<string, string>;
  regions: SubnationalIntensity[];
}

// Assignment (not `as`) so tsc checks the committed JSON still has this shape.
const data: RegionFile = regionData;
const byCode = new Map(data.regions.map((r) => [r.code, r]));

/** Looks a sub-national grid up by code, case-insensitively; aliases (CA-MT, AU-WA, SE3) resolve too. */
export function findSubnational(code: string): SubnationalIntensity | null {
  const upper = code.trim().toUpperCase();
  // Bare bidding zones (SE3, NO1) are accepted for Electricity Maps' SE-SE3 form.
  const bare = /^(SE|NO)\d$/.test(upper) ? `${upper.slice(0, 2)}-${upper}` : upper;
  const row = byCode.get(data.aliases[bare] ?? bare);
  return row ? { ...row } : null;
}

/** Every canonical sub-national code, sorted: candidates for "did you mean". */
export function allSubnationalCodes(): string[] {
  return [...byCode.keys()].sort();
}
