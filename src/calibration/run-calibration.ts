import type { CalibrationPlan } from './calibration-plan.js';
import { measureStep, type CalibrationReading, type StepMeasurement } from './calibration-fit.js';

/** What calibration drives and reads; the real one loads worker threads and reads RAPL, tests simulate one. */
export interface CalibrationMachine {
  /** Target utilisation of every logical CPU, 0..1. */
  setLoad(utilisation: number): void;
  read(): CalibrationReading;
  sleep(seconds: number): Promise<void>;
}

/** Waits `seconds`, reading every `sampleS` so energy counters are followed through wraps. */
async function hold(machine: CalibrationMachine, seconds: number, sampleS: number): Promise<void> {
  for (let left = seconds; left > 1e-9; left -= sampleS) {
    await machine.sleep(Math.min(sampleS, left));
    machine.read();
  }
}

/** Runs each step: set the load, let it settle, measure mean power and utilisation. Leaves the load at 0. */
export async function runCalibration(
  machine: CalibrationMachine,
  plan: CalibrationPlan,
  onStep: (index: number, step: StepMeasurement) => void = () => {},
): Promise<StepMeasurement[]> {
  const out: StepMeasurement[] = [];
  try {
    for (const [i, target] of plan.targets.entries()) {
      machine.setLoad(target);
      await hold(machine, plan.settleS, plan.sampleS);
      const start = machine.read();
      await hold(machine, plan.stepS - plan.settleS, plan.sampleS);
      const step = measureStep(target, start, machine.read());
      if (!step) continue;
      out.push(step);
      onStep(i, step);
    }
  } finally {
    machine.setLoad(0);
  }
  return out;
}
