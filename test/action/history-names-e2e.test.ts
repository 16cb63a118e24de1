import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordPath } from '../../src/github/history/record-path.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { commitFiles, recordFile, runRecord } from '../github/history/branch-files.js';
import { makeOrigin } from '../github/history/git-fixture.js';
import { payload, runAction } from './action-harness.js';

/**
 * Security review, item 3, through the built Action: the data branch is read before the benchmarks, outside
 * the stopped-commands window, so nothing from it may start a line with a workflow command.
 */
let gh: FakeGitHub;
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => gh.close());

const BRANCH = 'carbon-gate-data';
const CONFIG =
  'version: 1\nregion: SE\nmeter: { interval: 50ms }\nbenchmarks:\n  - { name: tiny, kind: other, run: "true", repeat: 3 }\n';

describe('the built Action: names and notices from the data branch stay data', () => {
  it('a file named runs/a\\n::warning title=INJECTED::forged\\n.json and a CR in a bad file make no command', async () => {
    const { origin, main, clone } = makeOrigin(2);
    const genuine = runRecord(main[1]!, new Date('2025-01-01T00:00:00Z'));
    const injected = 'runs/a\n::warning title=INJECTED::forged\n.json';
    const cr = recordPath(new Date('2025-01-02T00:00:00Z'), main[1]!, 'cr');
    commitFiles(
      origin,
      BRANCH,
      Object.fromEntries([recordFile(genuine), [injected, '{}\n'], [cr, 'x\r::error title=CR::forged\n']]),
    );
    const ws = clone({ shallow: true });
    writeFileSync(path.join(ws, 'carbon-gate.yml'), CONFIG);
    const event = payload('pull_request', (e) => e.action === 'opened');
    event.pull_request.base.sha = main[1]!;
    event.repository.default_branch = 'main';
    const r = await runAction({
      workspace: ws,
      event,
      eventName: 'pull_request',
      apiUrl: gh.url,
      inputs: { 'github-token': 'ghs_x', baseline: 'history', comment: 'never' },
      env: { GITHUB_REF: 'refs/pull/2/merge' },
    });
    expect(r.code, r.stdout).toBe(0);
    const lines = r.stdout.split(/\r\n|\r|\n/);
    // Our own commands only: no `::warning title=…`, no `::error "…` cut out of a parse error.
    const ours =
      /^::(add-mask|group|endgroup|stop-commands|warning|error|debug)::|^::carbon-gate-[0-9a-f]{32}::$/;
    expect(lines.filter((l) => /^\s*(::|##\[)/.test(l) && !ours.test(l))).toEqual([]);
    expect(r.stdout).toContain(JSON.stringify(injected));
    expect(r.stdout).toContain(`baseline: history record of ${main[1]!.slice(0, 7)}`);
  });
});
