import { closeSync, openSync, readSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describeValue } from '../../config/render.js';
import { parseMicrojoules, parseZoneId, zoneLabel, type RaplZone } from '../rapl/zone.js';

/** Where the powercap class lives; tests point it at a fake tree. */
export function powercapRoot(): string {
  return process.env.CARBON_GATE_POWERCAP_ROOT ?? '/sys/class/powercap';
}

/** sysfs attributes are a few bytes; a bounded read keeps a hostile or odd file cheap. */
const MAX_ATTRIBUTE_BYTES = 64;

type Read = { ok: true; text: string } | { ok: false; code: string };

function readAttribute(file: string): Read {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(MAX_ATTRIBUTE_BYTES);
    const n = readSync(fd, buffer, 0, MAX_ATTRIBUTE_BYTES, 0);
    return { ok: true, text: buffer.toString('utf8', 0, n) };
  } catch (error) {
    return { ok: false, code: (error as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Zone directories by id. Real sysfs lists every zone, subzones included, as a link at the top
 * (`intel-rapl:0:0`) and nests subzones inside their package; fake trees may only nest. Both
 * are walked and the first path seen for an id is kept.
 */
function zoneDirs(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const isZone = parseZoneId(name) !== null;
      if (!isZone && !(depth === 0 && (name === 'intel-rapl' || name === 'intel-rapl-mmio'))) continue;
      if (isZone && !out.has(name)) out.set(name, path.join(dir, name));
      if (depth < 3) visit(path.join(dir, name), depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

export type ZoneStatus = { ok: true } | { ok: false; unreadable: boolean; why: string };

export interface ScannedZone extends RaplZone {
  status: ZoneStatus;
}

export interface PowercapScan {
  /** Zone directories found, usable or not. */
  found: number;
  /** Zones with a name and a range (their energy_uj may still be unreadable or garbage). */
  zones: ScannedZone[];
  /** Zones without a usable name or range, one line each. */
  problems: string[];
}

function energyStatus(dir: string): ZoneStatus {
  const read = readAttribute(path.join(dir, 'energy_uj'));
  if (!read.ok) return { ok: false, unreadable: true, why: `energy_uj not readable (${read.code})` };
  if (parseMicrojoules(read.text) === null)
    return {
      ok: false,
      unreadable: false,
      why: `energy_uj holds ${describeValue(read.text.trim())}, not µJ`,
    };
  return { ok: true };
}

export function scanPowercap(root: string): PowercapScan {
  const dirs = zoneDirs(root);
  const zones: ScannedZone[] = [];
  const problems: string[] = [];
  for (const [id, dir] of dirs) {
    const parsed = parseZoneId(id)!;
    const nameRead = readAttribute(path.join(dir, 'name'));
    const name = nameRead.ok ? nameRead.text.trim() : '';
    if (!/^[\w.-]{1,40}$/.test(name)) {
      problems.push(`RAPL ${id}: no readable name file; zone not used`);
      continue;
    }
    const rangeRead = readAttribute(path.join(dir, 'max_energy_range_uj'));
    const maxRangeUj = rangeRead.ok ? parseMicrojoules(rangeRead.text) : null;
    if (!maxRangeUj) {
      const shown = rangeRead.ok ? describeValue(rangeRead.text.trim()) : `unreadable (${rangeRead.code})`;
      problems.push(`RAPL ${zoneLabel({ id, name })}: max_energy_range_uj is ${shown}; zone not used`);
      continue;
    }
    zones.push({ id, ...parsed, name, maxRangeUj, dir, status: energyStatus(dir) });
  }
  return { found: dirs.size, zones, problems };
}

/** One reading of a zone's counter, µJ; null when it cannot be read or is not a number. */
export function readEnergyUj(zone: Pick<RaplZone, 'dir'>): number | null {
  const read = readAttribute(path.join(zone.dir, 'energy_uj'));
  return read.ok ? parseMicrojoules(read.text) : null;
}
