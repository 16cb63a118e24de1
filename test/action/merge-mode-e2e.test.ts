import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/runner/shard.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { makeOrigin, sh } from '../github/history/git-fixture.js';
import { installFakeNvidiaSmi, type FakeSmi } from '../helpers/fake-nvidia-smi.js';
import { runOnMainPush } from '../helpers/main-push.js';
import { payload, runAction } from './action-harness.js';

/**
 * The built action end to end: four matrix jobs (`shard: K/4`, comment: never; one on a "GPU runner" with a
 * fake nvidia-smi), their report folders laid out as actions/download-artifact leaves them, and the merge
 * mode (`dist/index.js merge`, what action/merge runs) against the local fake GitHub: one comment, the
 * outputs, the job summary, the step's result; and with baseline: history, one record for the merged run.
 */
const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
const GPU_SHARD = shardOf('gamma', 4);
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const CONFIG = ['version: 1', 'region: FR', 'meter: { interval: 50ms }', 'benchmarks:']
  .concat(NAMES.map((n) => `  - { name: ${n}, kind: other, run: "sleep 0.1", repeat: 1 }`))
  .join('\n');

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => gh.close());

let ws: string;
let artifacts: string;
let smi: FakeSmi;
const prEvent = () => payload('pull_request', (e) => e.action === 'opened');
const prNumber = prEvent().pull_request.number as number;

beforeAll(async () => {
  ws = mkdtempSync(path.join(os.tmpdir(), 'cg-mws-'));
  artifacts = mkdtempSync(path.join(os.tmpdir(), 'cg-art-'));
  smi = installFakeNvidiaSmi({ gpus: [{ name: 'NVIDIA H100 80GB HBM3', watts: 300 }] });
  writeFileSync(path.join(ws, 'carbon-gate.yml'), CONFIG + '\n');
  const fake = await startFakeGitHub();
  try {
    for (let k = 1; k <= 4; k++) {
      const gpu = k === GPU_SHARD;
      const r = await runAction({
        workspace: ws,
        event: prEvent(),
        eventName: 'pull_request',
        apiUrl: fake.url,
        inputs: { shard: `${k}/4`, comment: 'never', 'report-dir': `s${k}` },
        env: { CARBON_GATE_POWERCAP_ROOT: '/nonexistent', PATH: `${gpu ? `${smi.dir}:` : ''}/usr/bin:/bin` },
      });
      expect(r.code, r.stdout).toBe(0);
      // What upload-artifact + download-artifact (merge-multiple: false) leave: one folder per artifact.
      cpSync(path.join(ws, `s${k}`), path.join(artifacts, `carbon-report-${k}`), { recursive: true });
    }
    expect(fake.comments.size).toBe(0);
  } finally {
    fake.close();
  }
}, 120_000);

afterAll(() => {
  for (const d of [ws, artifacts, smi.dir]) rmSync(d, { recursive: true, force: true });
});

const merge = (dir: string, inputs: Record<string, string> = {}, at = ws) =>
  runAction({
    workspace: at,
    event: prEvent(),
    eventName: 'pull_request',
    apiUrl: gh.url,
    args: ['merge'],
    inputs: { github_token: 'ghs_write', shards: '4', shards_dir: dir, report_dir: 'merged', ...inputs },
  });

describe('action/merge: the built action merges the shards', () => {
  it('each shard job ran its own benchmarks and recorded GITHUB_SHA', () => {
    for (let k = 1; k <= 4; k++) {
      const report = JSON.parse(readFileSync(path.join(ws, `s${k}`, 'carbon-report.json'), 'utf8'));
      expect(report.shard).toMatchObject({ index: k, count: 4 });
      expect(report.benchmarks.map((b: { name: string }) => b.name)).toEqual(
        NAMES.filter((n) => shardOf(n, 4) === k),
      );
      expect(report.commit.sha).toBe(SHA);
    }
  });

  it('one report, one comment, the outputs and the job summary', async () => {
    const r = await merge(artifacts);
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.status).toBe('pass');
    const merged = JSON.parse(readFileSync(path.join(ws, 'merged', 'carbon-report.json'), 'utf8'));
    expect(merged.benchmarks).toHaveLength(NAMES.length);
    expect(Number(r.outputs['total-co2e-g'])).toBeCloseTo(merged.totals.co2eG, 4);
    expect(r.outputs['report-path']).toBe(path.join(ws, 'merged', 'carbon-report.json'));
    expect(merged.shards[GPU_SHARD - 1].method.gpuNames).toEqual(['NVIDIA H100 80GB HBM3']);
    const comments = gh.comments.get(prNumber)!;
    expect(comments).toHaveLength(1);
    expect(r.outputs['comment-url']).toBe(comments[0]!.html_url);
    for (const n of NAMES) {
      expect(comments[0]!.body).toContain(n);
      expect(r.summary).toContain(n);
    }
    // Run again (a re-run of the merge job): the same comment is updated, never a second one.
    const again = await merge(artifacts);
    expect(again.code).toBe(0);
    expect(gh.comments.get(prNumber)).toHaveLength(1);
  });

  it('a shard that never uploaded is an error entry in the comment, and the step fails', async () => {
    const partial = mkdtempSync(path.join(os.tmpdir(), 'cg-art-'));
    for (const k of [1, 2, 4])
      cpSync(path.join(artifacts, `carbon-report-${k}`), path.join(partial, `carbon-report-${k}`), {
        recursive: true,
      });
    try {
      const r = await merge(partial);
      expect(r.code).toBe(1);
      expect(r.outputs.status).toBe('error');
      const body = gh.comments.get(prNumber)![0]!.body;
      expect(body).toMatch(/\| 💥&nbsp;shard 3\/4 &#40;missing&#41; \| – \| – \|/);
      expect(r.summary).toMatch(/shard 3\/4/);
      expect(r.stdout).toContain('::error::carbon-gate: error');
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  });

  it('mismatched shards are refused: no comment, the step fails with one line', async () => {
    const bad = mkdtempSync(path.join(os.tmpdir(), 'cg-art-'));
    cpSync(artifacts, bad, { recursive: true });
    const file = path.join(bad, 'carbon-report-2', 'carbon-report.json');
    const report = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...report, commit: { sha: 'f'.repeat(40) } }));
    try {
      const r = await merge(bad);
      expect(r.code).toBe(1);
      expect(r.outputs.status).toBe('error');
      expect(r.stdout).toMatch(/::error::carbon-gate: merge: shards from different commits/);
      expect(gh.comments.get(prNumber)).toBeUndefined();
      expect(r.summary).toContain('no report');
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('baseline: history on a push records ONE run for the merged report, with the team budget', async () => {
    const { root, origin, main, clone } = makeOrigin(2);
    try {
      const checkout = clone({});
      writeFileSync(path.join(checkout, 'carbon-gate.yml'), CONFIG + '\n');
      const r = await runOnMainPush({
        workspace: checkout,
        sha: main[1]!,
        apiUrl: gh.url,
        args: ['merge'],
        inputs: { shards: '4', shards_dir: artifacts, baseline: 'history', team_budget_co2e: '1 kg' },
      });
      expect(r.code, r.stdout).toBe(0);
      const files = sh(origin, 'ls-tree', '-r', '--name-only', 'carbon-gate-data').split('\n');
      expect(files).toHaveLength(1);
      const record = JSON.parse(sh(origin, 'show', `carbon-gate-data:${files[0]}`));
      expect(record.benchmarks.map((b: { name: string }) => b.name).sort()).toEqual([...NAMES].sort());
      expect(record.sha).toBe(main[1]);
      expect(r.summary).toMatch(/Team budget, \d{4}-\d{2} to date: .* of 1\.00 kg/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
