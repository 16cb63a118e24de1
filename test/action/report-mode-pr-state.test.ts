import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { payload, runAction } from './action-harness.js';

/** Issue 12, item 3: action/report comments only on an open PR (docs/action.md, fork PRs). */

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => gh.close());

const SHA = 'c'.repeat(40);
const report = readFileSync(path.resolve('test/fixtures/action/carbon-report.json'), 'utf8');

function reportRun() {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'cg-state-'));
  mkdirSync(path.join(ws, 'art'));
  writeFileSync(path.join(ws, 'art', 'carbon-report.json'), report);
  writeFileSync(
    path.join(ws, 'art', 'carbon-gate-context.json'),
    JSON.stringify({ prNumber: 7, headSha: SHA, job: 'bench' }),
  );
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

describe('action/report checks the state of the PR the artifact names', () => {
  it.each([
    ['closed', { state: 'closed', merged: false }],
    ['merged', { state: 'closed', merged: true }],
  ] as const)('a %s PR whose head matches gets no comment; the summary says why', async (_what, state) => {
    gh.pulls.set(7, { head: { sha: SHA, ref: 'fork/x' }, base: { ref: 'main' }, ...state });
    const r = await reportRun();
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.status).toBeTruthy();
    expect(r.outputs['comment-url'] ?? '').toBe('');
    expect(gh.comments.get(7)).toBeUndefined();
    expect(gh.log.some((x) => x.method === 'POST' || x.method === 'PATCH')).toBe(false);
    expect(r.stdout).toMatch(/PR #7 is closed; comment skipped/);
    expect(r.summary).toMatch(/PR #7 is closed; no comment was written/);
    // The report itself is still in the summary.
    expect(r.summary).toContain('carbon-gate');
  });

  it('an open PR whose head matches is still commented on', async () => {
    gh.pulls.set(7, { head: { sha: SHA, ref: 'fork/x' }, base: { ref: 'main' }, state: 'open' });
    const r = await reportRun();
    expect(r.code, r.stdout).toBe(0);
    expect(gh.comments.get(7)).toHaveLength(1);
    expect(r.summary).not.toMatch(/is closed/);
  });
});
