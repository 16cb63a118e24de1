import { zoneLabel, type RaplZone } from './zone.js';

/**
 * Which RAPL zones add up to the machine's energy, without counting anything twice:
 * - `package-N` (or `package-N-die-M`) for every socket, summed; a second zone reporting a name
 *   already seen is the same package seen through another die, so it is counted once;
 * - `dram`, top level or inside a package, reported as memory;
 * - `psys` (the whole platform) only when there is no package domain: it contains the packages;
 * - never `core` or `uncore`: they are parts of their package.
 * When the MMIO provider and the MSR provider expose the same domain, MMIO's is used (the
 * kernel's newer interface for client parts; both read the same energy).
 */

export type DomainRole = 'package' | 'dram' | 'psys';

export interface SelectedZone extends RaplZone {
  role: DomainRole;
}

export interface DomainChoice {
  zones: SelectedZone[];
  scope: 'package' | 'psys' | 'none';
  /** Zones read but deliberately not added, with why (basis lines). */
  skipped: string[];
}

const PACKAGE = /^package-\d+(?:-die-\d+)?$/;

function roleOf(zone: RaplZone): DomainRole | null {
  if (zone.parent === null && PACKAGE.test(zone.name)) return 'package';
  if (zone.name === 'dram') return 'dram';
  if (zone.parent === null && zone.name === 'psys') return 'psys';
  return null;
}

/** Same key = same physical domain, whichever provider or die exposes it. */
function keyOf(zone: RaplZone, role: DomainRole, byId: Map<string, RaplZone>): string {
  if (role !== 'dram') return `${role}/${zone.name}`;
  if (zone.parent === null) return `dram/top:${zone.id.slice(zone.id.indexOf(':'))}`;
  const parent = byId.get(zone.parent);
  return `dram/in:${parent ? parent.name : zone.parent.slice(zone.parent.indexOf(':'))}`;
}

const byId = (a: RaplZone, b: RaplZone) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function chooseDomains(all: readonly RaplZone[]): DomainChoice {
  const ids = new Map(all.map((z) => [z.id, z]));
  const chosen = new Map<string, SelectedZone>();
  const skipped: string[] = [];
  for (const zone of [...all].sort(byId)) {
    const role = roleOf(zone);
    if (!role) {
      const why = zone.parent ? 'a part of its package' : 'not a package, dram or psys domain';
      skipped.push(`${zoneLabel(zone)} not added: ${why}`);
      continue;
    }
    const key = keyOf(zone, role, ids);
    const held = chosen.get(key);
    if (!held) chosen.set(key, { ...zone, role });
    else if (held.provider !== zone.provider && zone.provider === 'intel-rapl-mmio') {
      chosen.set(key, { ...zone, role });
      skipped.push(`${zoneLabel(held)} not added: ${zone.id} (MMIO) reads the same domain`);
    } else if (held.provider !== zone.provider) {
      skipped.push(`${zoneLabel(zone)} not added: ${held.id} (MMIO) reads the same domain`);
    } else {
      skipped.push(`${zoneLabel(zone)} not added: same name as ${held.id} (another die of one package)`);
    }
  }
  const picked = [...chosen.values()].sort(byId);
  const packages = picked.filter((z) => z.role === 'package');
  const psys = picked.filter((z) => z.role === 'psys');
  if (packages.length > 0) {
    for (const z of psys)
      skipped.push(`${zoneLabel(z)} not added: the platform domain contains the packages`);
    return { zones: picked.filter((z) => z.role !== 'psys'), scope: 'package', skipped };
  }
  if (psys.length > 0) {
    // psys covers the platform, memory included, so DRAM on top would count it twice.
    for (const z of picked.filter((p) => p.role === 'dram'))
      skipped.push(`${zoneLabel(z)} not added: the platform domain (psys) contains it`);
    return { zones: psys.slice(0, 1), scope: 'psys', skipped };
  }
  return { zones: [], scope: 'none', skipped };
}
