/**
 * The 11 SPECpower load levels (active idle, 10 % … 100 %) and the two rules every predicted curve
 * obeys: power never falls as utilisation rises, and between levels it is linear.
 */
export const LEVELS: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 10);

/** Running maximum: a fitted curve may dip by noise, a server's power does not. */
export function monotone(curve: readonly number[]): number[] {
  const out: number[] = [];
  let max = -Infinity;
  for (const w of curve) out.push((max = Math.max(max, w)));
  return out;
}

/** Power at utilisation u (clamped to 0..1; non-finite reads as idle) on an 11-level curve. */
export function atUtilisation(curve: readonly number[], u: number): number {
  const x = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * 10;
  const i = Math.min(9, Math.floor(x));
  const lo = curve[i]!;
  const hi = curve[i + 1]!;
  return lo + (x - i) * (hi - lo);
}
