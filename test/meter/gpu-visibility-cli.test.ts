import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fakeUuid, installFakeNvidiaSmi } from '../helpers/fake-nvidia-smi.js';

/**
 * End to end through the built CLI (npm run build first) with a fake nvidia-smi on PATH: two GPUs drawing
 * 250 W and 100 W; the benchmark may use only GPU 1.
 */
const H100 = 'NVIDIA H100 80GB HBM3';
const T4 = 'Tesla T4';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

function setup(apps: { pid?: number; pidFile?: string; gpu: number; usedMiB?: number }[] = []) {
  const smi = installFakeNvidiaSmi({
    gpus: [
      { name: H100, watts: 250 },
      { name: T4, watts: 100 },
    ],
    apps,
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-gpu-vis-'));
  cleanup.push(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(smi.dir, { recursive: true, force: true });
  });
  const env = {
    CARBON_GATE_POWERCAP_ROOT: '/nonexistent',
    PATH: `${smi.dir}:/usr/bin:/bin`,
    CUDA_VISIBLE_DEVICES: '1',
    CUDA_DEVICE_ORDER: 'PCI_BUS_ID',
  };
  const report = () => JSON.parse(readFileSync(path.join(dir, 'out', 'carbon-report.json'), 'utf8'));
  return { dir, env, report, smi };
}

describe('carbon-gate meter with CUDA_VISIBLE_DEVICES (built CLI, fake nvidia-smi)', () => {
  it('counts only the visible GPU, names the skipped one in the report and the table', async () => {
    const { dir, env, report } = setup();
    const r = await runCli(['meter', '--out', 'out', '--', 'sleep', '2'], { cwd: dir, env });
    expect(r.code).toBe(0);
    const rep = report();
    expect(rep.method).toMatchObject({
      gpu: 'nvidia-smi',
      gpuNames: [T4],
      gpusMetered: [{ index: 1, uuid: fakeUuid(1), name: T4 }],
      gpusSkipped: [
        {
          index: 0,
          uuid: fakeUuid(0),
          name: H100,
          reason: 'not visible to the job (CUDA_VISIBLE_DEVICES=1)',
        },
      ],
    });
    const b = rep.benchmarks[0];
    // 100 W, not 350 W: GPU 0's 250 W is not the benchmark's.
    const gpuWatts = b.breakdownJ.gpu / b.durationS;
    expect(Math.abs(gpuWatts - 100) / 100).toBeLessThan(0.05);
    expect(b.samples[0].gpus.map((g: { index: number }) => g.index)).toEqual([1]);
    expect(r.stderr).toContain(
      `GPUs: GPU 1 (${T4}); skipped GPU 0: not visible to the job (CUDA_VISIBLE_DEVICES=1)`,
    );
  });

  it('CUDA_VISIBLE_DEVICES naming no GPU here: a notice names the entry, no GPU energy', async () => {
    const { dir, env, report } = setup();
    const r = await runCli(['meter', '--out', 'out', '--', 'sleep', '0.5'], {
      cwd: dir,
      env: { ...env, CUDA_VISIBLE_DEVICES: 'GPU-deadbeef' },
    });
    expect(r.code).toBe(0);
    const rep = report();
    expect(rep.method.gpu).toBe('none');
    expect(rep.method.gpusSkipped.map((g: { index: number }) => g.index)).toEqual([0, 1]);
    expect(rep.benchmarks[0].breakdownJ.gpu).toBe(0);
    expect(rep.notices).toContainEqual(expect.stringMatching(/^CUDA_VISIBLE_DEVICES names "GPU-deadbeef"/));
  });

  it('another process on the metered GPU during the benchmark: a warning naming it; the benchmark’s own: none', async () => {
    const foreign: ChildProcess = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanup.push(() => foreign.kill('SIGKILL'));
    const pidFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'cg-pid-')), 'bench.pid');
    cleanup.push(() => rmSync(path.dirname(pidFile), { recursive: true, force: true }));
    const { dir, env, report, smi } = setup([
      { pid: foreign.pid!, gpu: 1, usedMiB: 1500 },
      // The benchmark's own process, listed once it has written its pid (the check 5 s in sees it alive).
      { pidFile, gpu: 1, usedMiB: 9000 },
      // On the skipped GPU: not the benchmark's energy, no warning.
      { pid: process.pid, gpu: 0, usedMiB: 10 },
    ]);
    const r = await runCli(['meter', '--out', 'out', '--', 'sh', '-c', `echo $$ > ${pidFile}; sleep 6`], {
      cwd: dir,
      env,
    });
    expect(r.code).toBe(0);
    // Listed at the start, 5 s in (the benchmark's own process alive and listed) and at the end.
    const checks = smi.log().filter((e) => 'args' in e && e.args[0]?.startsWith('--query-compute-apps'));
    expect(checks.length).toBeGreaterThanOrEqual(3);
    const rep = report();
    const warnings = (rep.notices as string[]).filter((n) => n.includes('also ran'));
    expect(warnings).toEqual([
      `sh: repeat 1: GPU 1 (${T4}) also ran pid ${foreign.pid} (sleep, 1,500 MiB) during sh: its energy includes that load`,
    ]);
    // In the verdict too, as a note that changes no status.
    expect(rep.verdict).toMatchObject({
      status: 'pass',
      reasons: [
        `GPU 1 (${T4}) also ran pid ${foreign.pid} (sleep, 1,500 MiB) during sh: its energy includes that load`,
      ],
    });
    expect(r.stderr).toContain(`also ran pid ${foreign.pid} (sleep, 1,500 MiB) during sh`);
  });
});
