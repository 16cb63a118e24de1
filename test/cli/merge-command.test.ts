import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/report/schema.js';
import { shardOf } from '../../src/runner/shard.js';
import { runCli } from '../helpers/cli.js';
import { installFakeNvidiaSmi, type FakeSmi } from '../helpers/fake-nvidia-smi.js';

/**
 * End to end through the built CLI: four real shard reports of one suite (`run --shard K/4`, one of them on a
 * "GPU runner" with a fake nvidia-smi on PATH, another on another grid), merged by `carbon-gate merge`.
 */
const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
const GPU_SHARD = shardOf('gamma', 4);

let dir: string;
let smi: FakeSmi;
let sha: string;
const shardFile = (k: number) => path.join(dir, `s${k}`, 'carbon-report.json');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const env = (gpu: boolean) => ({
  CARBON_GATE_POWERCAP_ROOT: '/nonexistent',
  PATH: `${gpu ? `${smi.dir}:` : ''}/usr/bin:/bin`,
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-merge-'));
  smi = installFakeNvidiaSmi({ gpus: [{ name: 'NVIDIA H100 80GB HBM3', watts: 300 }] });
  const benchmarks = NAMES.map(
    (n) => `  - name: ${n}\n    kind: other\n    run: sleep 0.2\n    repeat: 1\n`,
  ).join('');
  writeFileSync(path.join(dir, 'carbon-gate.yml'), `version: 1\nregion: FR\nbenchmarks:\n${benchmarks}`);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'x');
  sha = git('rev-parse', 'HEAD');
  for (let k = 1; k <= 4; k++) {
    const gpu = k === GPU_SHARD;
    const r = await runCli(
      ['run', '--shard', `${k}/4`, '--out', `s${k}`, ...(gpu ? ['--region', 'DE'] : [])],
      { cwd: dir, env: env(gpu) },
    );
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(smi.dir, { recursive: true, force: true });
});

describe('run --shard K/N', () => {
  it('each shard ran its own benchmarks (FNV-1a of the name mod 4) and records shard and commit', () => {
    for (let k = 1; k <= 4; k++) {
      const report = read(shardFile(k));
      const mine = NAMES.filter((n) => shardOf(n, 4) === k);
      expect(report.benchmarks.map((b: { name: string }) => b.name)).toEqual(mine);
      expect(report.shard).toEqual({ index: k, count: 4, names: mine });
      expect(report.commit.sha).toBe(sha);
      expect(ReportSchema.safeParse(report).success).toBe(true);
    }
  });

  it.each([['0/4'], ['5/4'], ['2'], ['1/300']])('--shard %s is exit 2 naming --shard', async (value) => {
    const r = await runCli(['run', '--shard', value], { cwd: dir, env: env(false) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^carbon-gate: --shard: "[^"]*" is not K\/N with 1 ≤ K ≤ N ≤ 256, e\.g\. 2\/4\n$/,
    );
  });

  it('--only with an unknown name is exit 2 naming --only, before anything runs', async () => {
    const r = await runCli(['run', '--only', 'alpha,nope', '--out', 'x'], { cwd: dir, env: env(false) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('carbon-gate: --only: no benchmark named "nope" in carbon-gate.yml\n');
  });
});

describe('carbon-gate merge', () => {
  it('merges the four shards into one correct report', async () => {
    const files = [4, 2, 3, 1].map(shardFile);
    const r = await runCli(['merge', '--out', 'merged', ...files], { cwd: dir, env: env(false) });
    expect(r.code, r.stderr).toBe(0);
    const shards = [1, 2, 3, 4].map((k) => read(shardFile(k)));
    const merged = read(path.join(dir, 'merged', 'carbon-report.json'));
    expect(ReportSchema.safeParse(merged).success).toBe(true);
    expect(merged.benchmarks.map((b: { name: string; shard: number }) => [b.name, b.shard]).sort()).toEqual(
      NAMES.map((n) => [n, shardOf(n, 4)]).sort(),
    );
    for (const key of ['energyJ', 'co2eG', 'durationS'] as const)
      expect(merged.totals[key]).toBeCloseTo(
        shards.reduce((s, x) => s + x.totals[key], 0),
        9,
      );
    // Each benchmark keeps its shard's figures: gamma's CO2e on the German grid, with the GPU's energy.
    const gamma = merged.benchmarks.find((b: { name: string }) => b.name === 'gamma');
    expect(gamma.co2eG).toBe(shards[GPU_SHARD - 1].benchmarks[0].co2eG);
    expect(gamma.breakdownJ.gpu).toBeGreaterThan(0);
    const gpu = merged.shards[GPU_SHARD - 1];
    expect(gpu).toMatchObject({ index: GPU_SHARD, status: 'ok', carbon: { region: 'DE' } });
    expect(gpu.method).toMatchObject({ gpu: 'nvidia-smi', gpuNames: ['NVIDIA H100 80GB HBM3'] });
    expect(
      merged.shards.filter((s: { carbon: { region: string } }) => s.carbon.region === 'FR'),
    ).toHaveLength(3);
    expect(merged.method.gpuNames).toEqual(['NVIDIA H100 80GB HBM3']);
    expect(merged.commit.sha).toBe(sha);
    expect(merged.verdict.status).toBe('pass');
    // The run table, one row per benchmark.
    for (const n of NAMES) expect(r.stdout).toContain(n);
    expect(r.stdout).toContain('Report: merged/carbon-report.json');
  });

  it('a missing shard is an error entry naming it, and exit 3', async () => {
    const r = await runCli(
      ['merge', '--expect', '4', '--json', '--out', 'm2', shardFile(1), shardFile(3), shardFile(4)],
      {
        cwd: dir,
        env: env(false),
      },
    );
    expect(r.code).toBe(3);
    const merged = JSON.parse(r.stdout);
    expect(merged.verdict.status).toBe('error');
    expect(merged.benchmarks.find((b: { name: string }) => b.name === 'shard 2/4 (missing)')).toMatchObject({
      status: 'error',
      energyJ: null,
    });
    expect(merged.shards[1]).toMatchObject({ index: 2, status: 'missing' });
  });

  it.each([
    [
      'a shard from another commit',
      (r: Record<string, unknown>) => ({ ...r, commit: { sha: 'f'.repeat(40) } }),
      /different commits/,
    ],
    [
      'another schema version',
      (r: Record<string, unknown>) => ({ ...r, schemaVersion: 2 }),
      /different schema versions/,
    ],
    [
      'a shard of 3',
      (r: { shard: object }) => ({ ...r, shard: { ...r.shard, count: 3 } }),
      /inconsistent shard counts/,
    ],
    [
      'a benchmark claimed twice',
      (r: { shard: object }) => ({ ...read(shardFile(GPU_SHARD)), shard: { ...r.shard } }),
      /two shards claim benchmark "gamma"/,
    ],
  ])('refuses %s with one line, exit 2', async (_l, change, message) => {
    const k = GPU_SHARD === 2 ? 3 : 2;
    const other = path.join(dir, `changed-${k}.json`);
    writeFileSync(other, JSON.stringify((change as (r: never) => unknown)(read(shardFile(k)) as never)));
    const files = [1, 2, 3, 4].map((i) => (i === k ? other : shardFile(i)));
    const r = await runCli(['merge', '--out', 'm3', ...files], { cwd: dir, env: env(false) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^carbon-gate: merge: /);
  });

  it('refuses a file that is not JSON, naming it', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{');
    const r = await runCli(['merge', shardFile(1), bad], { cwd: dir, env: env(false) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^carbon-gate: merge: .*bad\.json: not JSON/);
  });

  it('refuses a shard report that is a symbolic link (an artifact may point anywhere)', async () => {
    const link = path.join(dir, 'link.json');
    symlinkSync(shardFile(2), link);
    const r = await runCli(['merge', shardFile(1), link], { cwd: dir, env: env(false) });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^carbon-gate: merge: .*link\.json: not a regular file$/);
  });
});
