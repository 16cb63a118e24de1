import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { payload, runAction } from './action-harness.js';

const TOKEN = 'ghs_secret_comment_token';
let gh: FakeGitHub;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => gh.close());

function workspace(benchmarks: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-ws-'));
  writeFileSync(
    path.join(dir, 'carbon-gate.yml'),
    ['version: 1', 'region: SE', 'meter: { interval: 50ms }', 'benchmarks:', ...benchmarks].join('\n') + '\n',
  );
  return dir;
}

const pr = () => payload('pull_request', (e) => e.action === 'opened');
const stickies = (n: number) =>
  (gh.comments.get(n) ?? []).filter((c) => c.body.startsWith('<!-- carbon-gate:sticky:'));
const run = (ws: string, inputs: Record<string, string> = {}, event = pr()) =>
  runAction({
    workspace: ws,
    event,
    eventName: 'pull_request',
    apiUrl: gh.url,
    inputs: { 'github-token': TOKEN, ...inputs },
  });

describe('the built action (dist/index.js)', () => {
  it('two runs on a busy PR leave one sticky comment, found on page 3 and updated in place', async () => {
    const ws = workspace(['  - { name: tiny, kind: other, run: "true" }']);
    gh.seed(2, 250);
    gh.seed(2, 3, { login: 'someone', type: 'User' }); // not ours even if they quoted a marker
    const first = await run(ws);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.outputs.status).toBe('pass');
    expect(first.outputs['total-co2e-g']).toMatch(/^\d+(\.\d+)?$/);
    expect(first.outputs['total-energy-kwh']).toMatch(/^\d+(\.\d+)?$/);
    expect(first.outputs['report-path']).toBe(path.join(ws, '.carbon-gate', 'carbon-report.json'));
    expect(first.outputs['comment-url']).toMatch(/^https:\/\/github\.test\//);
    expect(first.summary).toContain('| ✅&nbsp;tiny |');
    expect(first.stdout).toContain('::group::carbon-gate: benchmarks');
    expect(first.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(first.stdout.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
    const second = await run(ws);
    expect(second.code).toBe(0);
    expect(stickies(2)).toHaveLength(1);
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
    const lists = gh.log.filter((r) => r.method === 'GET' && r.path.endsWith('/issues/2/comments'));
    expect(lists.length).toBeGreaterThanOrEqual(2 + 3); // run 1 read 3 pages; run 2 found it on page 3
    expect(gh.log.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('escapes benchmark names and keeps tokens away from benchmarks', async () => {
    const ws = workspace([
      '  - name: "<img src=x onerror=alert(1)> @octocat | `x` [a](http://evil)"',
      '    kind: other',
      '    run: "env > seen-env.txt"',
    ]);
    const r = await run(ws, { 'electricity-maps-token': 'em_secret' });
    expect(r.code, r.stderr).toBe(0);
    const body = stickies(2)[0]!.body;
    expect(body).not.toMatch(/<img|@octocat|\]\(http/);
    expect(body).toContain('&lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt; &#64;octocat &#124;');
    const seen = readFileSync(path.join(ws, 'seen-env.txt'), 'utf8');
    for (const secret of [TOKEN, 'ghs_envtoken', 'runtime-token', 'em_secret', 'GITHUB_OUTPUT='])
      expect(seen).not.toContain(secret);
    expect(r.stdout).toContain('::add-mask::em_secret');
  });

  it('survives a 502 and a secondary rate limit (retried), and a read-only token (403: warning, no comment)', async () => {
    const ws = workspace(['  - { name: tiny, kind: other, run: "true" }']);
    gh.faults.push({ method: 'GET', path: /comments$/, status: 502 });
    gh.faults.push({
      method: 'POST',
      path: /comments$/,
      status: 429,
      headers: { 'retry-after': '1' },
      message: 'You have exceeded a secondary rate limit',
    });
    const ok = await run(ws);
    expect(ok.code, ok.stdout).toBe(0);
    expect(stickies(2)).toHaveLength(1);
    expect(gh.log.map((r) => r.status)).toEqual(expect.arrayContaining([502, 429, 201]));

    gh.faults.push({
      method: 'PATCH',
      path: /comments\/\d+$/,
      status: 403,
      message: 'Resource not accessible by integration',
    });
    const body = stickies(2)[0]!.body;
    writeFileSync(
      path.join(ws, 'carbon-gate.yml'),
      readFileSync(path.join(ws, 'carbon-gate.yml'), 'utf8').replace('tiny', 'tiny2'),
    );
    const denied = await run(ws);
    expect(denied.code).toBe(0);
    expect(denied.stdout).toMatch(
      /::warning::carbon-gate: the token cannot comment on this pull request \(HTTP 403/,
    );
    expect(denied.outputs.status).toBe('pass');
    expect(denied.outputs['comment-url']).toBe('');
    expect(denied.summary).toContain('| ✅&nbsp;tiny2 |');
    expect(stickies(2)[0]!.body).toBe(body);
  });

  it('a failing benchmark fails the step once, annotates its config line, and still sets every output', async () => {
    const ws = workspace([
      '  - { name: fine, kind: other, run: "true" }',
      '  - name: broken',
      '    kind: other',
      '    run: "exit 3"',
    ]);
    const r = await run(ws);
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('error');
    expect(r.stdout).toMatch(
      /::error title=carbon-gate%3A broken,file=carbon-gate.yml,line=6::repeat 1\/1: exited with code 3\n/,
    );
    expect(r.stdout.match(/::error::carbon-gate: error/g)).toHaveLength(1);
    const never = await run(ws, { 'fail-on': 'never', comment: 'never' });
    expect(never.code).toBe(0);
    expect(never.outputs.status).toBe('error');
  });

  it('an exceeded budget fails the step with status fail, % of budget in the comment, annotation on its line', async () => {
    const ws = workspace([
      '  - name: heavy',
      '    kind: other',
      '    run: "sleep 0.3"',
      '    repeat: 1',
      '    budget: { energy: { fail: 0.001 J } }',
    ]);
    const r = await run(ws);
    expect(r.code, r.stdout).toBe(1);
    expect(r.outputs.status).toBe('fail');
    expect(r.stdout).toMatch(/::error title=carbon-gate%3A heavy,file=carbon-gate.yml,line=5::/);
    expect(r.stdout.match(/::error::carbon-gate: fail/g)).toHaveLength(1);
    expect(stickies(2)[0]!.body).toMatch(/^\| ❌&nbsp;heavy \| .* \| \d[\d,]*\u00a0% \|$/m);
    const lenient = await run(ws, { 'fail-on': 'never' });
    expect(lenient.code).toBe(0);
    expect(lenient.outputs.status).toBe('fail');
  });

  it('bad input: status error, setFailed once with the reason', async () => {
    const r = await run(workspace(['  - { name: tiny, kind: other, run: "true" }']), {
      comment: 'sometimes',
    });
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('error');
    expect(r.stdout).toContain(
      '::error::carbon-gate: input comment: "sometimes" is not one of always, on-change, on-fail, never',
    );
  });

  it('an unknown region input is named as the input, not as a CLI flag', async () => {
    const r = await run(workspace(['  - { name: tiny, kind: other, run: "true" }']), { region: 'XQ' });
    expect(r.code).toBe(1);
    expect(r.outputs.status).toBe('error');
    expect(r.stdout).toMatch(/::error::carbon-gate: input region: expected an ISO 3166-1 country code.*"XQ"/);
    expect(r.stdout).not.toContain('--region');
  });

  it('outside a pull request (push) writes the summary and no comment', async () => {
    const ws = workspace(['  - { name: tiny, kind: other, run: "true" }']);
    const r = await runAction({
      workspace: ws,
      event: payload('push'),
      eventName: 'push',
      apiUrl: gh.url,
      inputs: { 'github-token': TOKEN },
    });
    expect(r.code).toBe(0);
    expect(r.summary).toContain('carbon-gate');
    expect(gh.log).toHaveLength(0);
  });
});
