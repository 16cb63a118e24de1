import type { PowerCurve } from '../meter/accumulator.js';
import type { PowerProfile } from './schema.js';

export interface CurvePoint {
  utilisation: number;
  watts: number;
}

/** The profile's curve: idle at utilisation 0, then its load points. */
export function curvePoints(profile: Pick<PowerProfile, 'idleW' | 'loadW'>): CurvePoint[] {
  const load = profile.loadW.filter((p) => p.utilisation > 0);
  return [{ utilisation: 0, watts: profile.idleW }, ...load];
}

/**
 * Piecewise-linear watts at utilisation `u` (clamped to 0..1). Past the last point the curve
 * stays flat: calibration's "100 %" step often measures 0.97, and extending its last slope
 * could run away on a noisy point.
 */
export function wattsAt(points: readonly CurvePoint[], u: number): number {
  const x = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0));
  let prev = points[0];
  if (!prev) return 0;
  for (const p of points) {
    if (x <= p.utilisation) {
      const span = p.utilisation - prev.utilisation;
      return span > 0 ? prev.watts + ((x - prev.utilisation) / span) * (p.watts - prev.watts) : p.watts;
    }
    prev = p;
  }
  return prev.watts;
}

/** Power against utilisation from a profile: its CPU curve plus constant memory power. */
export function powerProfileCurve(
  profile: Pick<PowerProfile, 'idleW' | 'loadW'>,
  memoryW: number,
): PowerCurve {
  const points = curvePoints(profile);
  return (u) => ({ cpu: wattsAt(points, u), memory: memoryW });
}
