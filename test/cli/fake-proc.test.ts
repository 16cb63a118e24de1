import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** A fake /proc shaped like a GitHub-hosted runner: 4 vCPU of an AMD EPYC 7763, 16 GB. */
function fakeRunnerProc(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cg-proc-'));
  const cpu = (i: number) =>
    [
      `processor\t: ${i}`,
      'model name\t: AMD EPYC 7763 64-Core Processor',
      'physical id\t: 0',
      'siblings\t: 4',
      'cpu cores\t: 2',
      'flags\t\t: fpu sse2 hypervisor avx2',
    ].join('\n');
  writeFileSync(path.join(root, 'cpuinfo'), [0, 1, 2, 3].map(cpu).join('\n\n') + '\n');
  writeFileSync(path.join(root, 'meminfo'), 'MemTotal:       16777216 kB\n');
  writeFileSync(path.join(root, 'stat'), 'cpu  100 0 100 800 0 0 0 0 0 0\n');
  mkdirSync(path.join(root, 'self'));
  return root;
}

describe('machine detection from a fake /proc (CARBON_GATE_PROC_ROOT)', () => {
  it('models a GitHub runner as its 4/128 share of the EPYC 7763 TDP plus 16 GB of memory', async () => {
    const r = await runCli(['meter', '--json', '--', 'sleep', '1'], {
      env: { CARBON_GATE_PROC_ROOT: fakeRunnerProc() },
    });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.machine).toMatchObject({
      cpuModel: 'AMD EPYC 7763 64-Core Processor',
      logicalCpus: 4,
      virtualised: true,
    });
    expect(report.method.basis.join('\n')).toMatch(/TDP 280 W .*VM share 4\/128 host threads/);
    expect(report.method.basis.join('\n')).toMatch(/memory 16 GB × 0.392 W\/GB/);
    // The fake counters never move: utilisation 0, so power = 0.12 × 8.75 W + 16 × 0.392 W for ~1 s.
    const b = report.benchmarks[0];
    const watts = b.energyJ / b.samples[0].durationS;
    expect(watts).toBeGreaterThan(7);
    expect(watts).toBeLessThan(7.5);
  });
});
