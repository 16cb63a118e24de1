import { curvePoints, wattsAt } from './curve.js';
import type { PowerProfile } from './schema.js';
import { roundSignificant } from '../text/format-number.js';

const w = (watts: number) => `${roundSignificant(watts, 3)} W`;

/** Basis lines for a report: where the profile came from and what curve it gives. */
export function powerProfileBasis(profile: PowerProfile, label: string, memory: string): string[] {
  const how = profile.source === 'calibrate' ? 'calibrated against RAPL' : 'written by hand';
  const on = [profile.cpuModel, profile.machine].filter(Boolean).join(', ');
  const points = curvePoints(profile);
  return [
    `measured power profile ${label} (${how}${on ? ` on ${on}` : ''}${profile.measuredAt ? `, ${profile.measuredAt}` : ''})`,
    `CPU power piecewise-linear in utilisation over ${points.length} points: ${w(profile.idleW)} idle, ` +
      `${w(wattsAt(points, 0.5))} at 50 %, ${w(wattsAt(points, 1))} at 100 %`,
    memory,
  ];
}

/** A note when the profile was measured on another CPU than this machine's. */
export function powerProfileCpuMismatch(
  profile: PowerProfile,
  label: string,
  cpuModel: string,
): string | null {
  if (!profile.cpuModel || profile.cpuModel.trim() === cpuModel.trim()) return null;
  return `power profile ${label} was measured on "${profile.cpuModel}" but this machine has "${cpuModel}": its figures may not apply`;
}
