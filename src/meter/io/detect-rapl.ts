import { chooseDomains, type SelectedZone } from '../rapl/domains.js';
import { zoneLabel } from '../rapl/zone.js';
import { powercapRoot, scanPowercap } from './powercap.js';

/** Readable RAPL domains and what to say about them. */
export interface RaplFound {
  ok: true;
  root: string;
  zones: SelectedZone[];
  /** 'package': packages (+ DRAM); 'psys': the platform domain, used only without packages. */
  scope: 'package' | 'psys';
  /** `intel-rapl`, `intel-rapl-mmio`, or both joined with " + ". */
  provider: string;
  basis: string[];
  /** Zones that had to be left out (unreadable, garbage), one line each. */
  notes: string[];
}

export type RaplDetection =
  | RaplFound
  /** `present`: RAPL zones exist but cannot be used (the reason then says how to fix it). */
  | { ok: false; reason: string; present: boolean };

/** One line: since CVE-2020-8694 (Nov 2020) energy_uj is readable by root only. */
export function raplAccessHint(root: string): string {
  return (
    `RAPL energy counters in ${root} are not readable (root-only since CVE-2020-8694); grant read access with ` +
    `\`sudo chmod a+r ${root}/intel-rapl*:*/energy_uj\` (until reboot; a udev rule makes it permanent)`
  );
}

const COUNTED = /^(package-\d+(-die-\d+)?|dram|psys)$/;

export function detectRapl(root: string = powercapRoot()): RaplDetection {
  const scan = scanPowercap(root);
  if (scan.found === 0)
    return { ok: false, present: false, reason: `no RAPL zones in ${root} (no powercap RAPL driver here)` };
  const usable = scan.zones.filter((z) => z.status.ok).map(({ status: _status, ...zone }) => zone);
  const choice = chooseDomains(usable);
  const failed = scan.zones.filter((z) => !z.status.ok);
  if (choice.scope === 'none') {
    if (failed.some((z) => !z.status.ok && z.status.unreadable))
      return { ok: false, present: true, reason: raplAccessHint(root) };
    const seen = scan.zones.map((z) => z.name).join(', ') || 'none with a name and range';
    return {
      ok: false,
      present: true,
      reason: `RAPL in ${root} has no usable package or psys domain (zones: ${seen})`,
    };
  }
  const notes = [
    ...scan.problems,
    ...failed
      .filter((z) => COUNTED.test(z.name))
      .map((z) => `RAPL ${zoneLabel(z)}: ${z.status.ok ? '' : z.status.why}; zone not used`),
  ];
  if (choice.scope === 'psys')
    notes.push('RAPL has no package domain here: psys (the whole platform) is measured instead');
  const zones: SelectedZone[] = choice.zones;
  const provider = [...new Set(zones.map((z) => z.provider))].sort().reverse().join(' + ');
  const basis = [
    `RAPL counters read through powercap in ${root}: ${zones.map((z) => zoneLabel(z)).join(', ')}`,
    choice.scope === 'psys'
      ? 'energy = psys, the platform domain (no package domain exposed)'
      : 'energy = package domains summed over sockets + DRAM (reported as memory)',
    ...choice.skipped,
  ];
  return { ok: true, root, zones, scope: choice.scope, provider, basis, notes };
}
