import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** Issue 14, first hour 2: `validate` refuses what `run` would refuse before running anything. */
const BENCH = "benchmarks: [{ name: t, kind: other, run: 'true' }]\n";

describe('carbon-gate validate checks what run checks first', () => {
  it.each([
    ['an unknown region', `version: 1\nregion: XX\n${BENCH}`, /region: expected .* found "XX"; closest: /, 2],
    [
      'a missing power profile',
      `version: 1\npowerProfile: p.json\n${BENCH}`,
      /^p\.json: power profile not found$/m,
      2,
    ],
    [
      'a missing TF.js model and data file',
      'version: 1\nbenchmarks: [{ name: t, kind: training, tfjs: { model: m/model.json, dataset: d.csv, compile: { optimizer: sgd, loss: meanSquaredError } } }]\n',
      /^carbon-gate\.yml: benchmarks\[0\]\.tfjs\.model: m\/model\.json does not exist; expected a file\ncarbon-gate\.yml: benchmarks\[0\]\.tfjs\.dataset: d\.csv does not exist; expected a file$/m,
      // run starts, and the benchmark fails on it: an error in the report (exit 3), not a config error.
      3,
    ],
  ])('%s: exit 2 from validate, one line each; run refuses it too', async (_, config, line, runCode) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-validate-'));
    writeFileSync(path.join(dir, 'carbon-gate.yml'), config);
    const v = await runCli(['validate'], { cwd: dir });
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(line);
    expect(v.stdout).not.toContain('valid');
    const r = await runCli(['run'], { cwd: dir });
    expect(r.code).toBe(runCode);
  });

  it('region auto is left to run (only a cloud runner can answer it); a valid config is valid', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-validate-'));
    writeFileSync(path.join(dir, 'carbon-gate.yml'), `version: 1\nregion: auto\n${BENCH}`);
    const v = await runCli(['validate'], { cwd: dir });
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toBe('carbon-gate.yml: valid (1 benchmark)\n');
  });
});
