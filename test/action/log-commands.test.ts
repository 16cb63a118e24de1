import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { payload, runAction } from './action-harness.js';

let gh: FakeGitHub;
const dirs: string[] = [];
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => {
  gh.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('benchmark output in the job log (built action)', () => {
  it('runs with workflow commands stopped; our own warnings come after, as annotations', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'cg-log-'));
    dirs.push(ws);
    writeFileSync(
      path.join(ws, 'carbon-gate.yml'),
      [
        'version: 1',
        'region: SE',
        'intensity: { source: electricity-maps }', // no token: a fallback warning from the engine
        'meter: { interval: 50ms }',
        'benchmarks:',
        `  - { name: inject, kind: other, run: "printf '::error::INJECTED\\\\n##[error]LEGACY\\\\nx\\\\r::warning::CR\\\\n'" }`,
      ].join('\n') + '\n',
    );
    const r = await runAction({
      workspace: ws,
      event: payload('pull_request', (e) => e.action === 'opened'),
      eventName: 'pull_request',
      apiUrl: gh.url,
      inputs: { 'github-token': 'ghs_x' },
    });
    expect(r.code, r.stdout).toBe(0);
    const lines = r.stdout.split(/\r?\n|\r/);
    const stop = lines.findIndex((l) => /^::stop-commands::carbon-gate-[0-9a-f]{32}$/.test(l));
    expect(stop).toBeGreaterThanOrEqual(0);
    const token = lines[stop]!.slice('::stop-commands::'.length);
    const resume = lines.indexOf(`::${token}::`);
    expect(resume).toBeGreaterThan(stop);
    const inside = lines.slice(stop + 1, resume);
    // Every line the runner could read inside starts with the benchmark's prefix or is ours.
    expect(inside).toContain('[inject] ::error::INJECTED');
    expect(inside).toContain('[inject] ##[error]LEGACY');
    expect(inside).toContain('[inject] ::warning::CR');
    expect(inside.join('\n')).not.toContain(token.slice(-8) + '::');
    const warning = lines.findIndex((l) =>
      l.startsWith('::warning::carbon-gate: intensity source electricity-maps'),
    );
    expect(warning).toBeGreaterThan(resume);
  });
});
