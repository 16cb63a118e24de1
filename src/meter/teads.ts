/**
 * The Teads curve: server CPU power as a fraction of TDP at a given utilisation, interpolated
 * linearly between the published points 0.12 / 0.32 / 0.75 / 1.02 × TDP at 0 / 10 / 50 / 100 %.
 * It is the interim power model of the estimator (a calibrated model replaces it later).
 */
export const TEADS_POINTS: ReadonlyArray<readonly [utilisation: number, fractionOfTdp: number]> = [
  [0, 0.12],
  [0.1, 0.32],
  [0.5, 0.75],
  [1, 1.02],
];

export function teadsFractionOfTdp(utilisation: number): number {
  const u = Math.min(1, Math.max(0, Number.isFinite(utilisation) ? utilisation : 0));
  for (let i = 1; i < TEADS_POINTS.length; i++) {
    const [u1, f1] = TEADS_POINTS[i]!;
    if (u <= u1) {
      const [u0, f0] = TEADS_POINTS[i - 1]!;
      return f0 + ((u - u0) / (u1 - u0)) * (f1 - f0);
    }
  }
  return TEADS_POINTS[TEADS_POINTS.length - 1]![1];
}
