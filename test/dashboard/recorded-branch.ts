import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { payload, runAction } from '../action/action-harness.js';
import { startFakeGitHub } from '../github/fake-github.js';
import { makeOrigin } from '../github/history/git-fixture.js';

export const BRANCH = 'carbon-gate-data';
export const BENCHMARKS = ['sleepy', 'tiny'];

const CONFIG = [
  'version: 1',
  'region: SE',
  'meter: { interval: 50ms }',
  'budget: { energy: { warn: 1 kJ, fail: 2 kJ }, regression: { warn: 1000%, fail: 1000% } }',
  'benchmarks:',
  '  - { name: tiny, kind: other, run: "sleep 0.05", repeat: 5 }',
  '  - { name: sleepy, kind: other, run: "sleep 0.1", repeat: 5 }',
];

/**
 * A data branch written by real runs: the built Action (dist/index.js) on pushes to main, `runs` times,
 * each recording to a local bare origin (as test/action/history-e2e.test.ts does). Needs `npm run build`.
 */
export async function recordedBranch(runs: number) {
  const gh = await startFakeGitHub();
  try {
    const { root, origin, main, clone } = makeOrigin(runs);
    const ws = clone();
    writeFileSync(path.join(ws, 'carbon-gate.yml'), CONFIG.join('\n') + '\n');
    for (let i = 0; i < runs; i++) {
      const event = payload('push');
      event.ref = 'refs/heads/main';
      event.repository.default_branch = 'main';
      const r = await runAction({
        workspace: ws,
        event,
        eventName: 'push',
        apiUrl: gh.url,
        inputs: { 'github-token': 'ghs_x', baseline: 'history', comment: 'never' },
        env: { GITHUB_SHA: main[i]!, GITHUB_REF: 'refs/heads/main', GITHUB_RUN_ID: String(9000 + i) },
      });
      if (r.code !== 0 || !/history: recorded runs\//.test(r.stdout))
        throw new Error(`run ${i} did not record:\n${r.stdout}\n${r.stderr}`);
    }
    return { root, origin, ws, main };
  } finally {
    await gh.close();
  }
}
