import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** Issue 14, first hour 11: `meter` takes region and PUE from the carbon-gate.yml where it runs, like `run`. */
const CONFIG = "version: 1\nregion: FR\npue: 1.3\nbenchmarks: [{ name: t, kind: other, run: 'true' }]\n";

function dir(config?: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cg-meter-config-'));
  if (config) writeFileSync(path.join(d, 'carbon-gate.yml'), config);
  return d;
}

describe('carbon-gate meter and a carbon-gate.yml', () => {
  it.each([
    ['the config here', CONFIG, [], 'FR', 1.3],
    ['a flag over the config', CONFIG, ['--region', 'DE'], 'DE', 1.3],
    ['no config: the defaults', undefined, [], 'world', 1],
  ] as const)('%s', async (_, config, flags, region, pue) => {
    const r = await runCli(['meter', '--json', ...flags, '--', 'true'], { cwd: dir(config) });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.carbon.region).toBe(region);
    expect(report.carbon.pue).toBe(pue);
    expect(report.benchmarks.map((b: { name: string }) => b.name)).toEqual(['true']);
    if (config)
      expect(r.stderr).toContain('carbon settings (region, PUE, intensity, meter) from carbon-gate.yml');
  });

  it('--config naming no file is exit 2, as with run', async () => {
    const r = await runCli(['meter', '--config', 'nope.yml', '--', 'true'], { cwd: dir() });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^nope\.yml: file not found \(looked in \/.+\)$/);
  });
});
