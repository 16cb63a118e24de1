import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { makeOrigin, sh } from '../github/history/git-fixture.js';
import { payload, runAction } from './action-harness.js';

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => gh.close());

const BRANCH = 'carbon-gate-data';
const WORKLOAD = fileURLToPath(new URL('../../scripts/lib/gate-workload.mjs', import.meta.url));
// Regression limits out of reach: timing noise between jobs must not decide the team-budget assertions.
const CONFIG = [
  'version: 1',
  'region: SE',
  'meter: { interval: 50ms }',
  'budget: { regression: { warn: 1000%, fail: 1000% } }',
  'benchmarks:',
];
const BENCH = '  - { name: tiny, kind: other, run: "sleep 0.05", repeat: 5 }';

function workspace(clone: () => string, shallow = false) {
  const ws = (clone as (o: { shallow?: boolean }) => string)({ shallow });
  writeFileSync(path.join(ws, 'carbon-gate.yml'), [...CONFIG, BENCH].join('\n') + '\n');
  return ws;
}

function push(ws: string, sha: string, inputs: Record<string, string> = {}) {
  const event = payload('push');
  event.ref = 'refs/heads/main';
  event.repository.default_branch = 'main';
  return runAction({
    workspace: ws,
    event,
    eventName: 'push',
    apiUrl: gh.url,
    inputs: { 'github-token': 'ghs_x', baseline: 'history', ...inputs },
    env: { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' },
  });
}

function pr(ws: string, baseSha: string, inputs: Record<string, string> = {}) {
  const event = payload('pull_request', (e) => e.action === 'opened');
  event.pull_request.base.sha = baseSha;
  event.repository.default_branch = 'main';
  return runAction({
    workspace: ws,
    event,
    eventName: 'pull_request',
    apiUrl: gh.url,
    inputs: { 'github-token': 'ghs_x', baseline: 'history', ...inputs },
    env: { GITHUB_REF: 'refs/pull/2/merge' },
  });
}

const grams = (g: number) => `${g.toFixed(12)} g`;

describe('the built action with baseline: history (real git, bare origin)', () => {
  it('pushes record runs; a PR is compared with its base’s record; the team budget warns and fails', async () => {
    const { origin, main, clone } = makeOrigin(3);
    const ws = workspace(clone);
    const first = await push(ws, main[1]!);
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).toMatch(/carbon-gate: history: recorded runs\/\S+ on carbon-gate-data \(1 try\)/);
    const second = await push(ws, main[2]!, { 'team-budget-co2e': '1000 kg' });
    expect(second.code, second.stdout).toBe(0);
    expect(second.summary).toMatch(/Team budget, \d{4}-\d{2} to date: .* of 1\.00 t \(<0\.1 %\)/);
    expect(second.summary).toContain('xychart-beta'); // two points: the trend chart is drawn
    const files = sh(origin, 'ls-tree', '-r', '--name-only', BRANCH).split('\n');
    expect(files).toHaveLength(2);
    expect(sh(ws, 'status', '--porcelain')).toBe('?? .carbon-gate/\n?? carbon-gate.yml'.trim());

    // A PR on a depth-1 checkout whose base is main[2] (recorded) and one whose base has no record of its own.
    const prWs = workspace(clone, true);
    const own = await pr(prWs, main[2]!);
    expect(own.code, own.stdout).toBe(0);
    const report = JSON.parse(readFileSync(own.outputs['report-path']!, 'utf8'));
    expect(report.verdict.baseline).toMatchObject({ source: 'history', ref: main[2]!.slice(0, 7) });
    expect(report.benchmarks[0].comparison).toMatchObject({ baseline: 'history', method: 'independent' });
    const sticky = gh.comments.get(2)!.at(-1)!.body;
    expect(sticky).toContain(`history ${main[2]!.slice(0, 7)}`);
    const older = await pr(prWs, sh(origin, 'rev-parse', `${main[1]!}~0`), {});
    expect(JSON.parse(readFileSync(older.outputs['report-path']!, 'utf8')).verdict.baseline.ref).toBe(
      main[1]!.slice(0, 7),
    );

    // Ledger: the two pushed runs' measured repeats; ≥ 80 % warns, ≥ 100 % fails.
    const spent = (await import('../../src/github/history/io/load-history.js'))
      .loadHistory(ws, BRANCH)
      .then((h) => h.records.reduce((s, r) => s + r.record.totals.spentCo2eG, 0));
    const used = await spent;
    const warn = await pr(prWs, main[2]!, { 'team-budget-co2e': grams(used * 1.1) });
    expect(warn.outputs.status, warn.summary).toBe('warn');
    expect(warn.code).toBe(0);
    const fail = await pr(prWs, main[2]!, { 'team-budget-co2e': grams(used * 0.99) });
    expect(fail.outputs.status).toBe('fail');
    expect(fail.code).toBe(1);
    expect(fail.summary).toMatch(/team budget&#58; \d+\.\d % of the \d{4}-\d{2} limit used/);
  });

  it('with no repeat or budget of its own, a benchmark runs 5 times on push and PR; a PR regression fails', async () => {
    const { origin, main, clone } = makeOrigin(2);
    const bench = (work: number) =>
      [
        'version: 1',
        'region: SE',
        'meter: { interval: 50ms }',
        'benchmarks:',
        `  - { name: spin, kind: other, run: node ${JSON.stringify(WORKLOAD)}, env: { WORK: "${work}" } }`,
      ].join('\n') + '\n';
    const ws = clone();
    writeFileSync(path.join(ws, 'carbon-gate.yml'), bench(1));
    const pushed = await push(ws, main[1]!);
    expect(pushed.code, pushed.stdout).toBe(0);
    const recorded = JSON.parse(
      sh(origin, 'show', `${BRANCH}:${sh(origin, 'ls-tree', '-r', '--name-only', BRANCH)}`),
    );
    expect(recorded.benchmarks[0].samples).toHaveLength(5);

    // The PR's head does four times the work of its base's recorded run.
    const prWs = clone({ shallow: true });
    writeFileSync(path.join(prWs, 'carbon-gate.yml'), bench(4));
    const head = await pr(prWs, main[1]!);
    const report = JSON.parse(readFileSync(head.outputs['report-path']!, 'utf8'));
    const b = report.benchmarks[0];
    expect(b.samples).toHaveLength(5);
    expect(b.comparison).toMatchObject({ baseline: 'history', method: 'independent' });
    expect(b.comparison.ratio).toBeGreaterThan(1.5);
    expect(b.reasons.join(' ')).not.toMatch(/too few samples/);
    expect(report.verdict.status, b.reasons.join('; ')).toBe('fail');
    expect(head.code).toBe(1);
  });

  it('a PR is judged on the marked task window and the attributed metric against the base record', async () => {
    const { origin, main, clone } = makeOrigin(2);
    const config = (work: number) =>
      [
        'version: 1',
        'region: SE',
        'meter: { interval: 50ms }',
        'budget: { regression: { metric: attributed } }',
        'benchmarks:',
        `  - { name: spin, kind: other, run: node ${JSON.stringify(WORKLOAD)}, env: { WORK: "${work}", MARK: "1" } }`,
      ].join('\n') + '\n';
    const ws = clone();
    writeFileSync(path.join(ws, 'carbon-gate.yml'), config(2));
    expect((await push(ws, main[1]!)).code).toBe(0);
    const recorded = JSON.parse(
      sh(origin, 'show', `${BRANCH}:${sh(origin, 'ls-tree', '-r', '--name-only', BRANCH)}`),
    );
    for (const s of recorded.benchmarks[0].samples) {
      expect(s.attributedJ).toBeGreaterThan(0);
      expect(s.task).toMatchObject({ energyJ: expect.any(Number), attributedJ: expect.any(Number) });
      expect(s.task.durationS).toBeLessThan(s.durationS);
    }

    const prWs = clone({ shallow: true });
    writeFileSync(path.join(prWs, 'carbon-gate.yml'), config(8));
    const head = await pr(prWs, main[1]!);
    const report = JSON.parse(readFileSync(head.outputs['report-path']!, 'utf8'));
    expect(report.benchmarks[0].comparison).toMatchObject({
      baseline: 'history',
      metric: 'attributed',
      window: 'task',
    });
    expect(report.benchmarks[0].comparison.ratio).toBeGreaterThan(2);
    expect(head.code).toBe(1);
    const sticky = gh.comments.get(2)!.at(-1)!.body;
    expect(sticky).toMatch(
      /Judged: spin&#58; attributed energy of the marked task window, smallest regression it could catch&#58; \+\d+\.\d %\./,
    );
  });

  it('no history branch yet, or an unreachable origin: a warning and no baseline, never a crash', async () => {
    const { main, clone } = makeOrigin(2);
    const ws = workspace(clone);
    const none = await pr(ws, main[1]!);
    expect(none.code, none.stdout).toBe(0);
    expect(none.stdout).toMatch(/::warning::carbon-gate: history branch carbon-gate-data does not exist yet/);
    expect(JSON.parse(readFileSync(none.outputs['report-path']!, 'utf8')).verdict.baseline).toEqual({
      source: 'none',
      note: 'no baseline: regression not checked',
    });
    sh(ws, 'remote', 'set-url', 'origin', '/nonexistent/repo.git');
    const broken = await push(ws, main[1]!);
    expect(broken.code, broken.stdout).toBe(0);
    expect(broken.stdout).toMatch(/::warning::carbon-gate: could not append this run to carbon-gate-data/);
  });
});
