import { describe, expect, it } from 'vitest';
import {
  busyAtRest,
  measureStep,
  powerProfileFromSteps,
  type StepMeasurement,
} from '../../src/calibration/calibration-fit.js';
import { planCalibration, planTargets } from '../../src/calibration/calibration-plan.js';
import { PowerProfileSchema } from '../../src/power-profile/schema.js';

describe('planTargets', () => {
  it.each([
    [2, [0, 1]],
    [3, [0, 0.5, 1]],
    [11, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]],
    [4, [0, 0.3333, 0.6667, 1]],
  ])('%i steps', (n, targets) => {
    expect(planTargets(n)).toEqual(targets);
  });

  it.each([
    [5, 0.5],
    [0.6, 0.3],
    [0.2, 0.1],
  ])('a %s s step discards its first %s s', (stepS, settleS) => {
    expect(planCalibration(3, stepS, 0.5).settleS).toBe(settleS);
  });
});

describe('measureStep', () => {
  const a = { tS: 10, cpuJ: 100, dramJ: 5, busy: 1000, total: 4000 };
  it('mean power and utilisation between two readings', () => {
    expect(measureStep(0.5, a, { tS: 12, cpuJ: 160, dramJ: 9, busy: 1300, total: 4400 })).toEqual({
      target: 0.5,
      utilisation: 0.75,
      cpuW: 30,
      dramW: 2,
    });
  });
  it('no DRAM domain: dramW null', () => {
    expect(measureStep(1, { ...a, dramJ: null }, { ...a, tS: 11, dramJ: null })?.dramW).toBeNull();
  });
  it('no time passed: null', () => {
    expect(measureStep(1, a, a)).toBeNull();
  });
});

const step = (
  target: number,
  utilisation: number,
  cpuW: number,
  dramW: number | null = null,
): StepMeasurement => ({
  target,
  utilisation,
  cpuW,
  dramW,
});
const META = { measuredAt: '2025-01-31T12:00:00.000Z', cpuModel: 'Test CPU' };

describe('powerProfileFromSteps', () => {
  it('points at measured utilisation; idle is the lowest; DRAM averaged into memoryW', () => {
    const fit = powerProfileFromSteps(
      [step(0, 0.02, 10, 2), step(0.5, 0.51, 30, 3), step(1, 0.97, 50, 4)],
      META,
    );
    expect(fit).toEqual({
      ok: true,
      profile: {
        version: 1,
        cpuModel: 'Test CPU',
        source: 'calibrate',
        idleW: 10,
        loadW: [
          { utilisation: 0.02, watts: 10 },
          { utilisation: 0.51, watts: 30 },
          { utilisation: 0.97, watts: 50 },
        ],
        memoryW: 3,
        measuredAt: META.measuredAt,
      },
    });
    if (fit.ok) expect(PowerProfileSchema.safeParse(fit.profile).success).toBe(true);
  });

  it('steps that measured (nearly) the same utilisation become one averaged point', () => {
    // On a saturated machine the 90 % and 100 % steps both read 1.0.
    const fit = powerProfileFromSteps([step(0, 0, 10), step(0.9, 0.995, 48), step(1, 1, 52)], META);
    expect(fit.ok && fit.profile.loadW).toEqual([
      { utilisation: 0, watts: 10 },
      { utilisation: 0.9975, watts: 50 },
    ]);
    expect(fit.ok && fit.profile.memoryW).toBeUndefined();
    if (fit.ok) expect(PowerProfileSchema.safeParse(fit.profile).success).toBe(true);
  });

  it('a machine that could not be loaded: no profile, a reason', () => {
    const fit = powerProfileFromSteps([step(0, 0.3, 10), step(1, 0.3, 11)], META);
    expect(fit).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /all measured the same utilisation \(30 %\): the machine was already busy/,
      ),
    });
  });
});

describe('busyAtRest: warns when the 0 % step did not find the machine at rest', () => {
  it.each([
    [[step(0, 0.02, 10), step(1, 1, 50)], null],
    [[step(0, 0.1, 10), step(1, 1, 50)], null],
    [
      [step(0, 0.35, 10), step(1, 1, 50)],
      'the machine was 35 % busy at the 0 % step: other work is running, so idle power reads high',
    ],
    [[step(1, 1, 50)], null],
  ])('case %#', (steps, warning) => {
    expect(busyAtRest(steps)).toBe(warning);
  });
});
