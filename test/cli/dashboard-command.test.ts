import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchSlug } from '../../src/dashboard/slug.js';
import { runCli } from '../helpers/cli.js';
import { BENCHMARKS, BRANCH, recordedBranch } from '../dashboard/recorded-branch.js';

/** `dist/cli.js dashboard` over a data branch recorded by real runs of the built Action. */

const RUNS = 3;
let fx: Awaited<ReturnType<typeof recordedBranch>>;
beforeAll(async () => {
  fx = await recordedBranch(RUNS);
}, 120_000);
afterAll(() => rmSync(fx.root, { recursive: true, force: true }));

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;
const env = { GITHUB_REPOSITORY: 'octo/hello', GITHUB_SERVER_URL: '' };

function checkSite(out: string) {
  const index = readFileSync(path.join(out, 'index.html'), 'utf8');
  expect(count(index, /class="pt"/g)).toBe(RUNS);
  for (const sha of fx.main) expect(index).toContain(`https://github.com/octo/hello/commit/${sha}`);
  for (const name of BENCHMARKS) {
    const html = readFileSync(path.join(out, 'b', `${benchSlug(name)}.html`), 'utf8');
    expect(count(html, /class="pt"/g), name).toBe(2 * RUNS);
    expect(
      count(html, /<tr><th scope="row"><a href="https:\/\/github\.com\/octo\/hello\/actions\/runs\/900\d">/g),
    ).toBe(RUNS);
    // 5 repeats each: every point has its interval.
    expect(html).not.toContain('— (n =');
  }
  const csv = readFileSync(path.join(out, 'runs.csv'), 'utf8').trim().split('\n');
  expect(csv).toHaveLength(1 + RUNS * BENCHMARKS.length);
}

describe('carbon-gate dashboard (built CLI, real records)', () => {
  it('reads origin’s data branch from a clone (the default) and writes the site', async () => {
    const out = path.join(fx.root, 'site-origin');
    const r = await runCli(['dashboard', '--out', out], { cwd: fx.ws, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^dashboard: ${RUNS} runs, 2 benchmarks → .*index\\.html \\(4 files, \\d+ bytes\\)`),
    );
    checkSite(out);
    // Nothing in the clone changed: the branch was fetched into a temporary repository.
    expect(execFileSync('git', ['branch', '--list', BRANCH], { cwd: fx.ws, encoding: 'utf8' })).toBe('');
  });

  it('reads a local branch (--branch, --repo) and a checkout of it (--from), with the config’s budgets', async () => {
    const a = path.join(fx.root, 'site-local');
    const r = await runCli(
      [
        'dashboard',
        '--branch',
        BRANCH,
        '--repo',
        fx.origin,
        '--out',
        a,
        '--config',
        'carbon-gate.yml',
        '--team-budget-co2e',
        '1 kg',
      ],
      { cwd: fx.ws, env },
    );
    expect(r.code, r.stderr).toBe(0);
    checkSite(a);
    expect(readFileSync(path.join(a, 'index.html'), 'utf8')).toMatch(/of 1\.00 kg CO2e/);
    const tiny = readFileSync(path.join(a, 'b', `${benchSlug('tiny')}.html`), 'utf8');
    expect(tiny).toContain('Budget lines: the budgets of carbon-gate.yml today');
    expect(tiny).toMatch(/The (warn|fail) budget, [\d.]+ k?J, is above the chart\./);

    execFileSync('git', ['clone', '--quiet', '--branch', BRANCH, fx.origin, 'data'], { cwd: fx.ws });
    const b = path.join(fx.root, 'site-dir');
    const d = await runCli(['dashboard', '--from', 'data', '--out', b], { cwd: fx.ws, env });
    expect(d.code, d.stderr).toBe(0);
    checkSite(b);
    expect(readdirSync(b).sort()).toEqual(['b', 'index.html', 'runs.csv']);
  });

  it('a missing branch is an empty page; bad flags are one line and exit 2', async () => {
    const out = path.join(fx.root, 'site-empty');
    const r = await runCli(['dashboard', '--branch', 'nothing-here', '--out', out], { cwd: fx.ws, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/history branch nothing-here does not exist/);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('No recorded runs yet.');
    for (const [args, msg] of [
      [
        ['--from', 'data', '--branch', BRANCH],
        /--from reads a folder; --branch and --repo read a git branch/,
      ],
      [['--from', '/etc'], /--from: \/etc is outside the current directory/],
      [['--github', 'not a repo'], /--github: expected OWNER\/REPO/],
      [['--branch=-x'], /--branch: "-x" is not a valid branch name/],
      // The Action's history-branch rule (branch-name.ts): nothing git refuses as a ref.
      [['--branch', 'a//b'], /--branch: "a\/\/b" is not a valid branch name/],
      [['--branch', 'data/'], /--branch: "data\/" is not a valid branch name/],
      [['--branch', 'data.lock'], /--branch: "data\.lock" is not a valid branch name/],
      [['--branch', '.data'], /--branch: "\.data" is not a valid branch name/],
      [['--team-budget-co2e', 'lots'], /--team-budget-co2e: expected a mass/],
    ] as const) {
      const bad = await runCli(['dashboard', ...args], { cwd: fx.ws, env });
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(msg);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
