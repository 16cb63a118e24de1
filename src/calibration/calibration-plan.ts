/**
 * The load steps of a calibration: `steps` evenly spaced targets from 0 to 100 % (11 steps give
 * 0, 10, …, 100 %). Each step first settles — frequency, boost and the package's power
 * management take a moment to follow a load change — and only then is measured.
 */

export interface CalibrationPlan {
  targets: number[];
  stepS: number;
  /** Discarded start of each step. */
  settleS: number;
  /** How often counters are read while a step runs (RAPL must be read before it can wrap twice). */
  sampleS: number;
}

export const DEFAULT_STEPS = 11;
export const DEFAULT_STEP_S = 5;
/** ~0.5 s settles any package we know of; short test steps keep at least half for measuring. */
export const MAX_SETTLE_S = 0.5;

export function planTargets(steps: number): number[] {
  return Array.from({ length: steps }, (_, i) => Number((i / (steps - 1)).toFixed(4)));
}

export function planCalibration(steps: number, stepS: number, sampleS: number): CalibrationPlan {
  return { targets: planTargets(steps), stepS, settleS: Math.min(MAX_SETTLE_S, stepS / 2), sampleS };
}
