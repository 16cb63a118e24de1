import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { payload, runAction } from './action-harness.js';

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => gh.close());

const SHA = 'a'.repeat(40);
const report = JSON.parse(readFileSync(path.resolve('test/fixtures/action/carbon-report.json'), 'utf8'));

function artifact(rep: unknown, context: unknown): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'cg-art-'));
  mkdirSync(path.join(ws, 'art'));
  writeFileSync(
    path.join(ws, 'art', 'carbon-report.json'),
    typeof rep === 'string' ? rep : JSON.stringify(rep),
  );
  writeFileSync(path.join(ws, 'art', 'carbon-gate-context.json'), JSON.stringify(context));
  return ws;
}

function workflowRun() {
  const e = payload('workflow_run');
  e.workflow_run.head_sha = SHA;
  e.workflow_run.name = 'carbon-bench';
  return e;
}

const run = (ws: string) =>
  runAction({
    workspace: ws,
    event: workflowRun(),
    eventName: 'workflow_run',
    apiUrl: gh.url,
    args: ['report'],
    inputs: { github_token: 'ghs_write', report_dir: 'art' },
  });

describe('action/report (workflow_run half of the fork-safe pair)', () => {
  it('comments on the PR the artifact names when its head is the built commit, escaping the artifact', async () => {
    const hostile = structuredClone(report);
    hostile.benchmarks[0].name = '<script>x</script> @admin';
    gh.pulls.set(7, { head: { sha: SHA, ref: 'fork/<b>x</b>' }, base: { ref: 'main' } });
    const r = await run(artifact(hostile, { prNumber: 7, headSha: SHA, job: 'bench' }));
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.status).toBe(report.verdict.status);
    const body = gh.comments.get(7)![0]!.body;
    expect(body).not.toMatch(/<script>|@admin|<b>/);
    expect(body).toContain('fork/&lt;b&gt;x&lt;/b&gt;');
  });

  it('a PR number that does not match the triggering commit gets no comment', async () => {
    gh.pulls.set(7, { head: { sha: 'b'.repeat(40), ref: 'x' }, base: { ref: 'main' } });
    const r = await run(artifact(report, { prNumber: 7, headSha: SHA }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('has moved on');
    // One reason, once (issue 14, first hour 6).
    expect(r.stdout).not.toContain('no pull request in this event');
    expect(r.stdout.match(/comment skipped/g)).toHaveLength(1);
    expect(gh.comments.get(7)).toBeUndefined();
  });

  it.each([
    ['not JSON', '{'],
    ['a non-finite number', JSON.stringify(report).replace(/"co2eG":[0-9.e-]+/, '"co2eG":1e999')],
    ['an oversized name', JSON.stringify({ ...report, config: 'x'.repeat(600) })],
  ])('an invalid artifact (%s) fails the step without commenting', async (_label, text) => {
    gh.pulls.set(7, { head: { sha: SHA, ref: 'x' }, base: { ref: 'main' } });
    const r = await run(artifact(text, { prNumber: 7, headSha: SHA }));
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('error');
    expect(r.stdout).toContain('::error::carbon-gate: the report artifact is not a valid carbon-gate report');
    expect(gh.comments.get(7)).toBeUndefined();
  });
});
