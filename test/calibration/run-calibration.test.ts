import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { powerProfileFromSteps } from '../../src/calibration/calibration-fit.js';
import { planCalibration } from '../../src/calibration/calibration-plan.js';
import { curvePoints, wattsAt, type CurvePoint } from '../../src/power-profile/curve.js';
import { runCalibration } from '../../src/calibration/run-calibration.js';
import { PowerProfileSchema } from '../../src/power-profile/schema.js';
import { simulatedMachine, type SimulatedMachineSpec } from '../helpers/simulated-machine.js';

const META = { measuredAt: '2025-01-31T12:00:00.000Z' };

async function calibrate(spec: SimulatedMachineSpec, steps = 11, stepS = 5) {
  const machine = simulatedMachine(spec);
  const results = await runCalibration(machine, planCalibration(steps, stepS, 0.5));
  const fit = powerProfileFromSteps(results, META);
  if (!fit.ok) throw new Error(fit.reason);
  expect(PowerProfileSchema.safeParse(fit.profile).success).toBe(true);
  return { profile: fit.profile, points: curvePoints(fit.profile), clockS: machine.clockS, results };
}

/** Piecewise-linear through the given points. */
const through = (points: CurvePoint[]) => (u: number) => wattsAt(points, u);

describe('calibration on a simulated machine', () => {
  const teads = through([
    { utilisation: 0, watts: 12 },
    { utilisation: 0.1, watts: 32 },
    { utilisation: 0.5, watts: 75 },
    { utilisation: 1, watts: 102 },
  ]);

  it('recovers a known curve at every step, with DRAM as memoryW', async () => {
    const { profile, points, clockS } = await calibrate({ cpuW: teads, dramW: 3.5 });
    expect(clockS).toBeCloseTo(55, 6);
    expect(profile.idleW).toBeCloseTo(12, 6);
    expect(profile.memoryW).toBeCloseTo(3.5, 6);
    for (let u = 0; u <= 1.0001; u += 0.05) expect(wattsAt(points, u)).toBeCloseTo(teads(u), 1);
  });

  it('discarding the settling time keeps a slow power response out of the steps', async () => {
    const lagging = await calibrate({ cpuW: teads, lagS: 0.4 });
    for (const s of lagging.results) expect(s.cpuW).toBeCloseTo(teads(s.utilisation), 6);
  });

  it('background load moves the points along the curve instead of biasing it', async () => {
    // 5 % of something else always running: the "0 %" step measures 0.05.
    const { points, results } = await calibrate({
      cpuW: teads,
      achieved: (t) => Math.min(1, 0.05 + t * 0.95),
    });
    expect(results[0]!.utilisation).toBeCloseTo(0.05, 9);
    for (const s of results) expect(wattsAt(points, s.utilisation)).toBeCloseTo(teads(s.utilisation), 2);
    // Below the lowest measured utilisation the curve is flat: idle is what the quiet machine drew.
    expect(wattsAt(points, 0)).toBeCloseTo(teads(0.05), 2);
  });
});

// CodeCarbon's RAPL load profiles (see ../shared/data/README.md beside the repository): real curves to
// calibrate against. A checkout without the shared data skips them, and the suite's title says why.
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CSV_DIR = path.resolve(REPO_ROOT, '../shared/data/rapl-load-profiles');
const csvFiles = existsSync(CSV_DIR) ? readdirSync(CSV_DIR).filter((f) => f.endsWith('.csv')) : [];
const realCurvesTitle =
  csvFiles.length > 0
    ? 'calibration against real RAPL load curves'
    : `calibration against real RAPL load curves (skipped: no CSV files in ${CSV_DIR})`;

function readCurve(file: string): CurvePoint[] {
  const [header = '', ...rows] = readFileSync(path.join(CSV_DIR, file), 'utf8').trim().split('\n');
  const cols = header.split(',');
  const load = cols.indexOf('cpu_load');
  const power = cols.indexOf('rapl_power');
  return rows
    .map((row) => row.split(','))
    .map((c) => ({ utilisation: Number(c[load]) / 100, watts: Number(c[power]) }))
    .sort((a, b) => a.utilisation - b.utilisation);
}

describe.skipIf(csvFiles.length === 0)(realCurvesTitle, () => {
  it.each(csvFiles)('%s', async (file) => {
    const real = readCurve(file);
    const peak = Math.max(...real.map((p) => p.watts));
    const { points } = await calibrate({ cpuW: through(real) });
    // Error at each measured load of the CSV, as a share of the curve's peak power (idle
    // readings of 0.2 W make per-point percentages meaningless at the low end).
    const errors = real.map((p) => Math.abs(wattsAt(points, p.utilisation) - p.watts) / peak);
    const worst = Math.max(...errors);
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    // And the energy of a run spread evenly over utilisation 0..1.
    let trueJ = 0;
    let fitJ = 0;
    for (let u = 0; u <= 1; u += 0.001) {
      trueJ += through(real)(u);
      fitJ += wattsAt(points, u);
    }
    console.log(
      `${file}: mean ${(mean * 100).toFixed(2)} %, worst ${(worst * 100).toFixed(2)} % of peak ${peak.toFixed(1)} W; ` +
        `energy over a uniform load ${((fitJ / trueJ - 1) * 100).toFixed(2)} %`,
    );
    expect(mean).toBeLessThan(0.03);
    expect(worst).toBeLessThan(0.1);
    expect(Math.abs(fitJ / trueJ - 1)).toBeLessThan(0.03);
  });
});
