import type { PowerProfile } from '../power-profile/schema.js';
import { percentFixed } from '../text/format-number.js';

/** Cumulative counters at one instant: energy wrap-corrected since calibration began. */
export interface CalibrationReading {
  tS: number;
  /** Package (or psys) energy, J. */
  cpuJ: number;
  /** DRAM energy, J; null when the machine exposes no DRAM domain. */
  dramJ: number | null;
  /** System CPU counters (any consistent unit: only their ratio is used). */
  busy: number;
  total: number;
}

export interface StepMeasurement {
  target: number;
  /** Utilisation the machine actually showed: the duty cycle plus whatever else ran. */
  utilisation: number;
  cpuW: number;
  dramW: number | null;
}

/** Mean power and utilisation between two readings; null when no time passed. */
export function measureStep(
  target: number,
  a: CalibrationReading,
  b: CalibrationReading,
): StepMeasurement | null {
  const dt = b.tS - a.tS;
  if (!(dt > 0)) return null;
  const dTotal = b.total - a.total;
  const utilisation = dTotal > 0 ? Math.min(1, Math.max(0, (b.busy - a.busy) / dTotal)) : 0;
  const dramW = a.dramJ !== null && b.dramJ !== null ? (b.dramJ - a.dramJ) / dt : null;
  return { target, utilisation, cpuW: (b.cpuJ - a.cpuJ) / dt, dramW };
}

/** Steps whose measured utilisations are closer than this become one point (the curve needs increasing x). */
export const MERGE_UTILISATION = 0.01;

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** Above this, the "0 %" step did not find the machine at rest. */
export const BUSY_AT_REST = 0.1;

/** A warning when other work kept the machine busy during the idle step: idleW then reads high. */
export function busyAtRest(steps: readonly StepMeasurement[]): string | null {
  const rest = steps.find((s) => s.target === 0);
  if (!rest || rest.utilisation <= BUSY_AT_REST) return null;
  return `the machine was ${percentFixed(rest.utilisation, 0)} busy at the 0 % step: other work is running, so idle power reads high`;
}

export interface PowerProfileMeta {
  measuredAt: string;
  cpuModel?: string;
  machine?: string;
}

export type FitResult = { ok: true; profile: PowerProfile } | { ok: false; reason: string };

/**
 * A profile from calibration steps: points at the *measured* utilisation (not the target), so
 * background load shifts the point instead of biasing the curve; the lowest point is the idle
 * power; DRAM, which a CPU-bound load barely moves, becomes one constant memory power.
 */
export function powerProfileFromSteps(steps: readonly StepMeasurement[], meta: PowerProfileMeta): FitResult {
  const sorted = [...steps].sort((a, b) => a.utilisation - b.utilisation);
  const groups: StepMeasurement[][] = [];
  for (const step of sorted) {
    const group = groups[groups.length - 1];
    if (group && step.utilisation - group[0]!.utilisation < MERGE_UTILISATION) group.push(step);
    else groups.push([step]);
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const loadW = groups.map((g) => ({
    utilisation: round(mean(g.map((s) => s.utilisation)), 4),
    watts: round(Math.max(0, mean(g.map((s) => s.cpuW))), 3),
  }));
  // Rounding can bring two groups together; the later one goes.
  const points = loadW.filter((p, i) => i === 0 || p.utilisation > loadW[i - 1]!.utilisation);
  if (points.length < 2)
    return {
      ok: false,
      reason:
        `the load steps all measured the same utilisation (${percentFixed(points[0]?.utilisation ?? 0, 0)}): ` +
        'the machine was already busy or its CPUs could not be loaded; stop other work and retry',
    };
  const dram = steps.map((s) => s.dramW).filter((w): w is number => w !== null);
  return {
    ok: true,
    profile: {
      version: 1,
      ...(meta.machine ? { machine: meta.machine } : {}),
      ...(meta.cpuModel ? { cpuModel: meta.cpuModel } : {}),
      source: 'calibrate',
      idleW: points[0]!.watts,
      loadW: points,
      ...(dram.length > 0 ? { memoryW: round(Math.max(0, mean(dram)), 3) } : {}),
      measuredAt: meta.measuredAt,
    },
  };
}
