import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUITE_LIMITS } from '../../src/config/limits.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { recordPath } from '../../src/github/history/record-path.js';
import { commitFiles, recordFile, runRecord } from '../github/history/branch-files.js';
import { makeOrigin, sh } from '../github/history/git-fixture.js';
import { payload, runAction } from './action-harness.js';

/**
 * Issue 12, items 7 to 9, through the built Action over real git (bare origin): forged or broken files on
 * the data branch, and a suite over the limits.
 */
let gh: FakeGitHub;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => gh.close());

const BRANCH = 'carbon-gate-data';
const CONFIG = [
  'version: 1',
  'region: SE',
  'meter: { interval: 50ms }',
  'budget: { regression: { warn: 1000%, fail: 1000% } }',
  'benchmarks:',
  '  - { name: tiny, kind: other, run: "sleep 0.05", repeat: 3 }',
].join('\n');

function workspace(clone: (o?: { shallow?: boolean }) => string, config = CONFIG) {
  const ws = clone({ shallow: true });
  writeFileSync(path.join(ws, 'carbon-gate.yml'), config + '\n');
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

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const reportOf = (run: { outputs: Record<string, string> }): Json =>
  JSON.parse(readFileSync(run.outputs['report-path']!, 'utf8'));

describe('the built Action reads the data branch as untrusted', () => {
  it('a record of the base dated 9999-12-31 is not the baseline; of two genuine ones, the oldest, named', async () => {
    const { origin, main, clone } = makeOrigin(3);
    const first = runRecord(main[1]!, new Date('2025-01-01T00:00:00Z'), { energyJ: 10, runId: '41' });
    const rerun = runRecord(main[1]!, new Date('2025-01-02T00:00:00Z'), { energyJ: 20, runId: '42' });
    const future = runRecord(main[1]!, new Date('9999-12-31T00:00:00Z'), { energyJ: 0.02, runId: '43' });
    const [firstPath, firstText] = recordFile(first);
    commitFiles(
      origin,
      BRANCH,
      Object.fromEntries([[firstPath, firstText], recordFile(rerun), recordFile(future)]),
    );
    const run = await pr(workspace(clone), main[1]!);
    expect(run.code, run.stdout).toBe(0);
    const report = reportOf(run);
    expect(report.benchmarks[0].comparison).toMatchObject({ baseline: 'history', base: 10 });
    expect(report.verdict.baseline).toMatchObject({ source: 'history', ref: main[1]!.slice(0, 7) });
    expect(report.verdict.baseline.note).toContain(firstPath);
    expect(run.stdout).toContain(`baseline: history record of ${main[1]!.slice(0, 7)}`);
    expect(run.stdout).toContain(firstPath);
  });

  it('a record spending −1e6 g does not turn the team budget negative', async () => {
    const { origin, main, clone } = makeOrigin(2);
    const now = new Date();
    const negative = runRecord(main[0]!, new Date(now.getTime() - 60_000), { co2eG: 1 });
    const [p, text] = recordFile(negative);
    const forged = JSON.parse(text);
    forged.totals.spentCo2eG = -1e6;
    commitFiles(origin, BRANCH, { [p]: JSON.stringify(forged) });
    const run = await push(workspace(clone), main[1]!, { 'team-budget-co2e': '1 kg' });
    expect(run.code, run.stdout).toBe(0);
    const used = /Team budget, \d{4}-\d{2} to date: (.+?) of 1\.00 kg/.exec(run.summary);
    expect(used, run.summary).not.toBeNull();
    expect(used![1]).not.toMatch(/^[-−]/);
  });

  it('a 300 MB file on the branch: the push records in one try, the PR still gets its baseline and budget', async () => {
    const { origin, main, clone } = makeOrigin(3);
    const genuine = runRecord(main[1]!, new Date(Date.now() - 3_600_000), { energyJ: 10 });
    // Recent, or the push's retention (400 days) would prune it before anything reads it.
    const big = recordPath(new Date(Date.now() - 60_000), 'b'.repeat(40), 'big');
    const seeded = commitFiles(
      origin,
      BRANCH,
      Object.fromEntries([recordFile(genuine), [big, { zeros: 300_000_000 }]]),
    );
    const pushed = await push(workspace(clone), main[2]!);
    expect(pushed.code, pushed.stdout).toBe(0);
    expect(pushed.stdout).toMatch(/history: recorded runs\/\S+ on carbon-gate-data \(1 try\)/);
    expect(pushed.stdout).not.toMatch(/could not append|retrying/);
    expect(pushed.stdout).toContain(big);
    expect(sh(origin, 'rev-list', '--count', `${seeded}..${BRANCH}`)).toBe('1');

    const prRun = await pr(workspace(clone), main[1]!, { 'team-budget-co2e': '1000 kg' });
    expect(prRun.code, prRun.stdout).toBe(0);
    expect(prRun.stdout).not.toMatch(/could not read history branch/);
    expect(reportOf(prRun).benchmarks[0].comparison).toMatchObject({ baseline: 'history', base: 10 });
    expect(prRun.summary).toMatch(/Team budget, \d{4}-\d{2} to date: .* of 1\.00 t/);
  }, 120_000);

  it(`a config of ${SUITE_LIMITS.benchmarks + 1} benchmarks fails at validation, in one line, before running any`, async () => {
    const { main, clone } = makeOrigin(2);
    const lines = ['version: 1', 'benchmarks:'];
    for (let i = 0; i <= SUITE_LIMITS.benchmarks; i++)
      lines.push(`  - { name: b${i}, kind: other, run: "true" }`);
    const run = await push(workspace(clone, lines.join('\n')), main[1]!, { baseline: 'none' });
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toMatch(/does not match its schema/);
    expect(run.stdout).toMatch(
      new RegExp(
        `::error::.*benchmarks: expected a non-empty list of at most ${SUITE_LIMITS.benchmarks} benchmarks`,
      ),
    );
  }, 180_000);
});
