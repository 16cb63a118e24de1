import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { payload, runAction } from './action-harness.js';

/**
 * Issue 12, item 7, through the built Action in report mode: a fork's artifact with figures that cannot be
 * measurements, or a verdict better than its own benchmarks, is refused (the step fails, no comment).
 */
let gh: FakeGitHub;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => gh.close());

const SHA = 'a'.repeat(40);
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (): Json =>
  JSON.parse(readFileSync(path.resolve('test/fixtures/action/carbon-report.json'), 'utf8'));

function reportRun(report: Json) {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'cg-art-'));
  mkdirSync(path.join(ws, 'art'));
  writeFileSync(path.join(ws, 'art', 'carbon-report.json'), JSON.stringify(report));
  writeFileSync(
    path.join(ws, 'art', 'carbon-gate-context.json'),
    JSON.stringify({ prNumber: 7, headSha: SHA, job: 'bench' }),
  );
  gh.pulls.set(7, { head: { sha: SHA, ref: 'fork' }, base: { ref: 'main' } });
  const event = payload('workflow_run');
  event.workflow_run.head_sha = SHA;
  event.workflow_run.name = 'carbon-bench';
  return runAction({
    workspace: ws,
    event,
    eventName: 'workflow_run',
    apiUrl: gh.url,
    args: ['report'],
    inputs: { github_token: 'ghs_write', report_dir: 'art' },
  });
}

describe('action/report refuses an artifact that cannot be a measurement', () => {
  it('the fixture itself is accepted (control)', async () => {
    const r = await reportRun(fixture());
    expect(r.code, r.stdout).toBe(0);
    expect(gh.comments.get(7)).toHaveLength(1);
  });

  it('negative energies: refused, not rendered as "-2.78e+290 MWh" with status pass', async () => {
    const rep = fixture();
    rep.verdict.status = 'pass';
    for (const b of rep.benchmarks) {
      b.status = 'pass';
      b.energyJ = -1e296;
      for (const s of b.samples) s.energyJ = -1e296;
    }
    rep.totals.energyJ = -1e296;
    rep.totals.energyKwh = -2.78e290;
    const r = await reportRun(rep);
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('error');
    expect(r.stdout).toMatch(
      /::error::carbon-gate: the report artifact is not a valid carbon-gate report: .*energy/,
    );
    expect(r.stdout + r.summary).not.toMatch(/MWh/);
    expect(gh.comments.get(7)).toBeUndefined();
  });

  it('a verdict of pass while a benchmark failed: refused', async () => {
    const rep = fixture();
    rep.benchmarks[0].status = 'fail';
    rep.verdict.status = 'pass';
    const r = await reportRun(rep);
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('error');
    expect(r.stdout).toMatch(
      /not a valid carbon-gate report: verdict\.status: pass, but benchmarks\.0 is fail/,
    );
    expect(gh.comments.get(7)).toBeUndefined();
  });
});
