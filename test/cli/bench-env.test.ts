import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const PRINT = [
  'CARBON_GATE_ELECTRICITY_MAPS_TOKEN',
  'CARBON_GATE_WATTTIME_PASSWORD',
  'MY_EM_TOKEN',
  'GITHUB_TOKEN',
]
  .map((n) => `${n}=\${${n}:-unset}`)
  .join(' ');

describe('the benchmarks of carbon-gate run', () => {
  it('cannot see the provider credentials carbon-gate reads; a user’s own variables stay theirs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-env-'));
    dirs.push(dir);
    writeFileSync(
      path.join(dir, 'carbon-gate.yml'),
      [
        'version: 1',
        'region: FR',
        'intensity: { tokenEnv: MY_EM_TOKEN }',
        'benchmarks:',
        `  - { name: spy, kind: other, run: 'echo "${PRINT}"' }`,
      ].join('\n'),
    );
    // --intensity keeps the run offline; the credentials are in carbon-gate's environment all the same.
    const r = await runCli(['run', '--intensity', '50', '--out', 'out'], {
      cwd: dir,
      env: {
        CARBON_GATE_ELECTRICITY_MAPS_TOKEN: 'em-secret',
        CARBON_GATE_WATTTIME_PASSWORD: 'wt-secret',
        MY_EM_TOKEN: 'named-secret',
        GITHUB_TOKEN: 'users-own',
      },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      '[spy] CARBON_GATE_ELECTRICITY_MAPS_TOKEN=unset CARBON_GATE_WATTTIME_PASSWORD=unset MY_EM_TOKEN=unset GITHUB_TOKEN=users-own',
    );
    expect(r.stderr + r.stdout).not.toMatch(/em-secret|wt-secret|named-secret/);
  });
});
