import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toRunRecord, type RunRecord } from '../../../src/github/history/record.js';

export const sh = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.test',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.test',
    },
  }).trim();

/**
 * A bare `origin` with `commits` first-parent commits on main (a merge of a side branch in the middle, so
 * first-parent matters), and clones of it as actions/checkout leaves them.
 */
export function makeOrigin(commits = 5) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cg-hist-'));
  const origin = path.join(root, 'origin.git');
  sh(root, 'init', '--bare', '--quiet', '--initial-branch=main', origin);
  const seed = path.join(root, 'seed');
  sh(root, 'clone', '--quiet', origin, seed);
  sh(seed, 'checkout', '--quiet', '-b', 'main');
  const main: string[] = [];
  for (let i = 1; i <= commits; i++) {
    if (i === 3) {
      sh(seed, 'checkout', '--quiet', '-b', 'side');
      writeFileSync(path.join(seed, 'side.txt'), 'side\n');
      sh(seed, 'add', '.');
      sh(seed, 'commit', '--quiet', '-m', 'side');
      sh(seed, 'checkout', '--quiet', 'main');
    }
    writeFileSync(path.join(seed, 'file.txt'), `${i}\n`);
    sh(seed, 'add', '.');
    sh(seed, 'commit', '--quiet', '-m', `c${i}`);
    if (i === 3) sh(seed, 'merge', '--quiet', '--no-ff', '-m', 'merge side', 'side');
    main.push(sh(seed, 'rev-parse', 'HEAD'));
  }
  sh(seed, 'push', '--quiet', 'origin', 'main');
  let n = 0;
  /** A clone with origin configured; shallow: depth 1 over file:// like actions/checkout's default. */
  const clone = (opts: { shallow?: boolean; detach?: boolean } = {}) => {
    const dir = path.join(root, `ws${n++}`);
    if (opts.shallow) sh(root, 'clone', '--quiet', '--depth=1', '--branch=main', `file://${origin}`, dir);
    else sh(root, 'clone', '--quiet', '--branch=main', origin, dir);
    if (opts.detach) sh(dir, 'checkout', '--quiet', '--detach');
    return dir;
  };
  return { root, origin, main, clone };
}

/** A minimal gated report with one benchmark. */
export function fakeRecord(sha: string, now: Date, co2ePerRepeat = 1): RunRecord {
  const samples = [1, 2, 3].map(() => ({
    status: 'ok' as const,
    energyJ: 10,
    co2eG: co2ePerRepeat,
    durationS: 0.1,
  }));
  return toRunRecord(
    {
      createdAt: now.toISOString(),
      config: 'carbon-gate.yml',
      totals: { energyJ: 10, co2eG: co2ePerRepeat },
      benchmarks: [{ name: 'tiny', status: 'pass', samples }],
    },
    { sha, ref: 'refs/heads/main', runId: '7', now },
  );
}
