import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { EnergyAccumulator } from '../../src/meter/accumulator.js';
import { createPowerProfileMeter } from '../../src/meter/io/power-profile-meter.js';
import { powerProfileCurve } from '../../src/power-profile/curve.js';
import type { PowerProfile } from '../../src/power-profile/schema.js';

const PROFILE: PowerProfile = {
  version: 1,
  source: 'calibrate',
  cpuModel: 'Test CPU',
  idleW: 10,
  loadW: [
    { utilisation: 0.5, watts: 30 },
    { utilisation: 1, watts: 40 },
  ],
  memoryW: 4,
  measuredAt: '2025-01-31T12:00:00Z',
};

const saved = process.env.CARBON_GATE_PROC_ROOT;
let dir: string | undefined;
afterEach(() => {
  if (saved === undefined) delete process.env.CARBON_GATE_PROC_ROOT;
  else process.env.CARBON_GATE_PROC_ROOT = saved;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fake /proc/stat whose machine runs at a constant utilisation. */
function procAt(utilisation: number): { stop(): void } {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-proc-'));
  process.env.CARBON_GATE_PROC_ROOT = dir;
  const file = path.join(dir, 'stat');
  let total = 0;
  const write = () =>
    writeFileSync(file, `cpu  ${total * utilisation} 0 0 ${total * (1 - utilisation)} 0 0 0 0 0 0\n`);
  write();
  const timer = setInterval(() => {
    total += 100;
    write();
  }, 5);
  return { stop: () => clearInterval(timer) };
}

describe('profile curve integrated like the estimator', () => {
  it.each([
    [0, 10],
    [0.25, 20],
    [0.5, 30],
    [0.75, 35],
    [1, 40],
  ])('2 s at utilisation %s: %s W of CPU plus 4 W of memory', (u, cpuW) => {
    const acc = new EnergyAccumulator(powerProfileCurve(PROFILE, 4));
    for (let i = 0; i <= 4; i++) acc.add({ tS: i * 0.5, busy: i * 100 * u, total: i * 100, treeCpuS: 0 });
    const m = acc.result(2);
    expect(m.breakdownJ.cpu).toBeCloseTo(cpuW * 2, 9);
    expect(m.breakdownJ.memory).toBeCloseTo(8, 9);
    expect(m.utilisation).toBeCloseTo(u, 9);
  });
});

describe('profile meter', () => {
  it('samples a fake /proc/stat in the background (utilisation 0.5 → about 30 W + 4 W)', async () => {
    const proc = procAt(0.5);
    try {
      const meter = createPowerProfileMeter({
        profile: PROFILE,
        label: 'runner-power.json',
        logicalCpus: 2,
        intervalS: 0.1,
      });
      const session = meter.start();
      await sleep(400);
      const m = await session.stop();
      // Loose: on a saturated host the fake /proc/stat can miss an interval (utilisation 0 there).
      expect(m.utilisation).toBeCloseTo(0.5, 1);
      expect(m.breakdownJ.cpu / m.durationS).toBeGreaterThan(25);
      expect(m.breakdownJ.cpu / m.durationS).toBeLessThanOrEqual(30.001);
      expect(m.breakdownJ.memory / m.durationS).toBeCloseTo(4, 6);
      expect(m.samples).toBeGreaterThanOrEqual(3);
    } finally {
      proc.stop();
    }
  });

  it('describes the profile it models with', () => {
    const d = createPowerProfileMeter({
      profile: PROFILE,
      label: 'ci/runner-power.json',
      logicalCpus: 2,
      intervalS: 0.5,
    }).describe();
    expect(d).toMatchObject({
      cpu: 'estimator',
      gpu: 'none',
      powerModel: 'profile ci/runner-power.json',
      intervalS: 0.5,
    });
    expect(d.basis).toEqual([
      'measured power profile ci/runner-power.json (calibrated against RAPL on Test CPU, 2025-01-31T12:00:00Z)',
      'CPU power piecewise-linear in utilisation over 3 points: 10 W idle, 30 W at 50 %, 40 W at 100 %',
      'memory 4 W from the profile, constant',
    ]);
  });

  it('without memoryW in the profile, uses the fallback and says so', () => {
    const { memoryW: _m, ...noMemory } = PROFILE;
    const d = createPowerProfileMeter({
      profile: noMemory,
      label: 'p.json',
      logicalCpus: 1,
      intervalS: 1,
      memoryFallback: { watts: 6.3, basis: 'memory not in the profile: 16 GB × 0.392 W/GB' },
    }).describe();
    expect(d.basis[2]).toBe('memory not in the profile: 16 GB × 0.392 W/GB');
  });
});
