import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('carbon-gate meter', () => {
  it('meters a 3 s busy loop with the estimator: duration ≈ 3 s, energy > 0, JSON only on stdout', async () => {
    const busy =
      'const end = Date.now() + 3000; let x = 0; while (Date.now() < end) x++; console.log("done", x > 0)';
    const r = await runCli(['meter', '--json', '--region', 'FR', '--', 'node', '-e', busy]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.method.cpu).toBe('estimator');
    expect(report.carbon.region).toBe('FR');
    const b = report.benchmarks[0];
    expect(b.status).toBe('pass');
    expect(b.durationS).toBeGreaterThan(2.9);
    expect(b.durationS).toBeLessThan(6);
    expect(b.energyJ).toBeGreaterThan(0);
    expect(b.co2eG).toBeGreaterThan(0);
    // The busy loop keeps one core busy: its tree used about 3 s of CPU.
    expect(b.samples[0].processCpuS).toBeGreaterThan(2);
    expect(r.stderr).toContain('done true');
  });

  it('a failing command → exit 3, the report still printed', async () => {
    const r = await runCli(['meter', '--json', '--', 'sh', '-c', 'exit 4']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout);
    expect(report.verdict.status).toBe('error');
    expect(report.benchmarks[0].reason).toBe('repeat 1/1: exited with code 4');
  });

  it('without --json the command output passes through and the summary goes to stderr', async () => {
    const r = await runCli(['meter', '--', 'echo', 'hello world']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello world\n');
    expect(r.stderr).toMatch(/benchmark\s+kind/);
    expect(r.stderr).toMatch(/Grid: world/);
  });
});
