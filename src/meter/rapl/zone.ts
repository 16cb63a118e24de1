/** RAPL zones as the Linux powercap class exposes them, and the parsers for their files. */

export type RaplProvider = 'intel-rapl' | 'intel-rapl-mmio';

export interface RaplZone {
  /** Directory name: `intel-rapl:0`, subzone `intel-rapl:0:2`, `intel-rapl-mmio:0`. */
  id: string;
  provider: RaplProvider;
  /** Id of the enclosing zone (`intel-rapl:0` for `intel-rapl:0:2`); null for a top-level zone. */
  parent: string | null;
  /** The `name` file: package-0, core, uncore, dram, psys. */
  name: string;
  /** The counter wraps back to 0 after this many µJ. */
  maxRangeUj: number;
  /** Directory holding energy_uj. */
  dir: string;
}

const ZONE_ID = /^(intel-rapl(?:-mmio)?):(\d+(?::\d+)*)$/;

/** Provider and parent id of a zone directory name, or null when it is not a RAPL zone. */
export function parseZoneId(id: string): { provider: RaplProvider; parent: string | null } | null {
  const match = ZONE_ID.exec(id);
  if (!match) return null;
  const provider = match[1] as RaplProvider;
  const indices = match[2]!.split(':');
  return { provider, parent: indices.length > 1 ? `${provider}:${indices.slice(0, -1).join(':')}` : null };
}

/**
 * energy_uj and max_energy_range_uj hold a whole number of µJ. Anything else (empty, signs,
 * text, more digits than a double holds exactly) is garbage, so the zone is not trusted.
 */
export function parseMicrojoules(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,16}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}

/** `intel-rapl:0 (package-0)`: how zones are named in notes and basis lines. */
export function zoneLabel(zone: Pick<RaplZone, 'id' | 'name'>): string {
  return `${zone.id} (${zone.name})`;
}
