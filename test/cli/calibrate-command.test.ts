import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calibrateCommand } from '../../src/cli/commands/calibrate.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { wattsAt, curvePoints } from '../../src/power-profile/curve.js';
import { parsePowerProfileText } from '../../src/power-profile/parse.js';
import { FakePowercap } from '../helpers/fake-powercap.js';

const ENV = ['CARBON_GATE_POWERCAP_ROOT', 'CARBON_GATE_PROC_ROOT'] as const;
const saved = ENV.map((k) => process.env[k]);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-calibrate-'));
});
afterEach(() => {
  ENV.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i])));
  rmSync(dir, { recursive: true, force: true });
});

describe('calibrate: usage', () => {
  it.each([
    [['--steps', '1'], /--steps: expected a whole number from 2 to 101, found "1"/],
    [['--steps', 'many'], /--steps: expected a whole number/],
    [['--duration-per-step', '0.1'], /--duration-per-step: expected a duration from 0.2s to 10m/],
    [['--duration-per-step', 'soon'], /--duration-per-step: expected a duration/],
    [['--bogus'], /^calibrate: Unknown option '--bogus'/],
    [['extra'], /unexpected argument "extra"/],
  ])('%j', async (args, message) => {
    await expect(calibrateCommand(args)).rejects.toThrow(message);
  });

  it('no powercap: a usage error (exit 2) naming why', async () => {
    process.env.CARBON_GATE_POWERCAP_ROOT = path.join(dir, 'none');
    await expect(calibrateCommand(['--steps', '2'])).rejects.toThrow(
      new UsageError(
        `calibrate: needs readable RAPL energy counters: no RAPL zones in ${dir}/none (no powercap RAPL driver here)`,
      ),
    );
  });

  it('unreadable counters: the one-line hint on granting access', async () => {
    const tree = new FakePowercap([{ id: 'intel-rapl:0', name: 'package-0', rangeJ: 100 }]);
    tree.remove('intel-rapl:0');
    process.env.CARBON_GATE_POWERCAP_ROOT = tree.root;
    try {
      const error = await calibrateCommand([]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(
        /^calibrate: needs readable RAPL energy counters: .*sudo chmod a\+r /,
      );
      expect((error as Error).message).not.toContain('\n');
    } finally {
      tree.cleanup();
    }
  });
});

/**
 * A machine that is this test process: a fake /proc/stat counts the process's own CPU time (the
 * load workers are its threads) against wall time × logical CPUs, immune to whatever else runs
 * on the host, and fake RAPL counters advance at IDLE_W + SLOPE_W × that utilisation.
 */
const IDLE_W = 10;
const SLOPE_W = 40;
const DRAM_W = 2;

function selfAsMachine(tree: FakePowercap, procDir: string) {
  const cpus = os.availableParallelism();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let last = { busy: 0, total: 0, tS: 0 };
  const write = () => {
    const tS = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(c0);
    const busy = ((used.user + used.system) / 1e6) * 100;
    const total = Math.max(busy, tS * cpus * 100);
    const dt = tS - last.tS;
    const u = total > last.total ? Math.min(1, (busy - last.busy) / (total - last.total)) : 0;
    tree.advance('intel-rapl:0', (IDLE_W + SLOPE_W * u) * dt);
    tree.advance('intel-rapl:0:0', DRAM_W * dt);
    writeFileSync(path.join(procDir, 'stat'), `cpu  ${busy} 0 0 ${total - busy} 0 0 0 0 0 0\n`);
    last = { busy, total, tS };
  };
  write();
  const timer = setInterval(write, 10);
  return { stop: () => clearInterval(timer) };
}

describe('calibrate end to end: real worker threads, fake RAPL', () => {
  it('3 steps × 1 s write a valid profile that follows the machine', async () => {
    const tree = new FakePowercap([
      { id: 'intel-rapl:0', name: 'package-0', rangeJ: 1000 },
      { id: 'intel-rapl:0:0', name: 'dram', rangeJ: 1000 },
    ]);
    process.env.CARBON_GATE_POWERCAP_ROOT = tree.root;
    process.env.CARBON_GATE_PROC_ROOT = dir;
    const machine = selfAsMachine(tree, dir);
    const out = path.join(dir, 'runner-power.json');
    try {
      const code = await calibrateCommand(['--out', out, '--steps', '3', '--duration-per-step', '1']);
      expect(code).toBe(0);
    } finally {
      machine.stop();
      tree.cleanup();
    }
    const parsed = parsePowerProfileText(readFileSync(out, 'utf8'), 'runner-power.json');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const p = parsed.profile;
    expect(p.source).toBe('calibrate');
    expect(p.memoryW).toBeCloseTo(DRAM_W, 0);
    const first = p.loadW[0]!;
    const last = p.loadW[p.loadW.length - 1]!;
    console.log(`calibrate e2e: ${JSON.stringify(p.loadW)}`);
    // The workers did load the CPUs: how much depends on what else the host runs (it is measured,
    // not assumed), so only "more than at rest" is certain.
    expect(last.utilisation - first.utilisation).toBeGreaterThan(0.03);
    // Within 25 %: the fake files are rewritten every 10 ms, or 100 ms late when the host is
    // saturated, while calibration divides by its own clock over 0.5 s windows. Exactness is
    // the simulated machine's business (test/calibration/run-calibration.test.ts); this is wiring.
    for (const point of p.loadW)
      expect(Math.abs(point.watts / (IDLE_W + SLOPE_W * point.utilisation) - 1)).toBeLessThan(0.25);
    expect(wattsAt(curvePoints(p), last.utilisation)).toBeGreaterThan(p.idleW);
  });
});
