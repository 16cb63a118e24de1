import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { installFakeNvidiaSmi } from '../helpers/fake-nvidia-smi.js';
import { serverTree } from '../helpers/fake-powercap.js';

/** End to end through the built CLI: the meter picks RAPL, nvidia-smi or a power profile by itself. */
describe('carbon-gate meter with measured sources', () => {
  it('RAPL: reports package + DRAM only (no core, uncore, psys, die or MSR duplicates), within 5 %', async () => {
    const tree = serverTree(30);
    // Every zone advances; only MMIO package-0, package-1 and the two DRAM zones may be counted: 60 W.
    const ticker = tree.ticker({
      'intel-rapl-mmio:0': 30,
      'intel-rapl:0': 30,
      'intel-rapl:2': 30,
      'intel-rapl:0:0': 20,
      'intel-rapl:0:1': 3,
      'intel-rapl:0:2': 5,
      'intel-rapl:1': 20,
      'intel-rapl:1:0': 5,
      'intel-rapl:3': 150,
    });
    try {
      const r = await runCli(['meter', '--json', '--', 'sleep', '2'], {
        env: { CARBON_GATE_POWERCAP_ROOT: tree.root, PATH: '/usr/bin:/bin' },
      });
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.method).toMatchObject({ cpu: 'rapl', gpu: 'none' });
      expect(report.method.scope).toMatch(/package \+ DRAM/);
      const b = report.benchmarks[0];
      const watts = b.energyJ / b.durationS;
      expect(Math.abs(watts - 60) / 60).toBeLessThan(0.05);
      expect(b.breakdownJ.memory / b.durationS).toBeGreaterThan(9);
      expect(b.breakdownJ.memory / b.durationS).toBeLessThan(11);
      expect(b.energyBandJ).toBeUndefined();
    } finally {
      ticker.stop();
      tree.cleanup();
    }
  });

  it('nvidia-smi on PATH: GPU energy within 5 %, names reported, CPU still estimated', async () => {
    const smi = installFakeNvidiaSmi({ gpus: [{ name: 'NVIDIA H100 80GB HBM3', watts: 300 }] });
    const r = await runCli(['meter', '--json', '--', 'sleep', '2'], {
      env: { CARBON_GATE_POWERCAP_ROOT: '/nonexistent', PATH: `${smi.dir}:/usr/bin:/bin` },
    });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.method).toMatchObject({
      cpu: 'estimator',
      gpu: 'nvidia-smi',
      gpuNames: ['NVIDIA H100 80GB HBM3'],
    });
    const b = report.benchmarks[0];
    const gpuWatts = b.breakdownJ.gpu / b.durationS;
    expect(Math.abs(gpuWatts - 300) / 300).toBeLessThan(0.05);
    expect(b.energyJ).toBeGreaterThan(b.breakdownJ.gpu);
    expect(b.samples[0].gpus[0]).toMatchObject({ index: 0, name: 'NVIDIA H100 80GB HBM3' });
  });

  it('a committed power profile is used by run when RAPL is absent', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-profile-'));
    const profile = {
      version: 1,
      source: 'manual',
      idleW: 40,
      loadW: [
        { utilisation: 0, watts: 40 },
        { utilisation: 1, watts: 40 },
      ],
      memoryW: 0,
    };
    writeFileSync(path.join(dir, 'runner-power.json'), JSON.stringify(profile));
    writeFileSync(
      path.join(dir, 'carbon-gate.yml'),
      'version: 1\npowerProfile: ./runner-power.json\nbenchmarks:\n  - { name: nap, kind: other, run: "sleep 1" }\n',
    );
    const r = await runCli(['run', '--json'], {
      cwd: dir,
      env: { CARBON_GATE_POWERCAP_ROOT: '/nonexistent' },
    });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.method.cpu).toBe('estimator');
    expect(report.method.powerModel).toMatch(/profile/);
    // A flat 40 W profile: energy ≈ 40 W × the window.
    const b = report.benchmarks[0];
    expect(b.energyJ / b.durationS).toBeGreaterThan(38);
    expect(b.energyJ / b.durationS).toBeLessThan(42);
  });
});
