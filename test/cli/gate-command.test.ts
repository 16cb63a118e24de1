import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cg-gate-'));
const WORKLOAD = fileURLToPath(new URL('../../scripts/lib/gate-workload.mjs', import.meta.url));

/** A minimal report: what `compare` reads (samples, budget, totals). */
function report(energies: number[], budget?: object) {
  return {
    schemaVersion: 1,
    benchmarks: [
      {
        name: 'train',
        status: 'pass',
        samples: energies.map((e) => ({ status: 'ok', energyJ: e, co2eG: e / 1e4, durationS: e / 100 })),
        ...(budget ? { budget } : {}),
      },
    ],
    totals: { energyJ: energies[0], co2eG: energies[0]! / 1e4 },
  };
}
const noisy = (x: number) => [x * 0.97, x * 1.02, x, x * 1.04, x * 0.99, x * 1.01];

function files(dir: string, base: object, head: object) {
  writeFileSync(path.join(dir, 'base.json'), JSON.stringify(base));
  writeFileSync(path.join(dir, 'head.json'), JSON.stringify(head));
}

describe('carbon-gate compare', () => {
  it('passes A/A, fails a 25 % regression (exit 1), warns on the recorded budget', async () => {
    const dir = tmp();
    files(dir, report(noisy(100)), report(noisy(100).reverse()));
    const aa = await runCli(['compare', '--base', 'base.json', '--head', 'head.json'], { cwd: dir });
    expect(aa.code).toBe(0);
    expect(aa.stdout).toMatch(/^train\s+energy\s+10[01] J\s+10[01] J\s+\+0\.0 % \[-\d\.\d, \+\d\.\d\]/m);
    expect(aa.stdout).toContain('baseline: file base.json (independent samples)');
    expect(aa.stdout).toContain('verdict: pass');

    files(dir, report(noisy(100)), report(noisy(125)));
    const reg = await runCli(['compare', '--base', 'base.json', '--head', 'head.json', '--json'], {
      cwd: dir,
    });
    expect(reg.code).toBe(1);
    const gated = JSON.parse(reg.stdout);
    expect(gated.verdict).toMatchObject({ status: 'fail', baseline: { source: 'file', ref: 'base.json' } });
    expect(gated.benchmarks[0].comparison).toMatchObject({ metric: 'energy', method: 'independent' });
    expect(gated.benchmarks[0].comparison.ratio).toBeCloseTo(1.25, 1);
    expect(gated.benchmarks[0].budget).toEqual({ regression: { warn: 0.05, fail: 0.1 }, metric: 'energy' });

    files(
      dir,
      report(noisy(100)),
      report(noisy(125), { regression: { warn: 0.1, fail: 0.5 }, metric: 'energy' }),
    );
    const warn = await runCli(['compare', '--base', 'base.json', '--head', 'head.json'], { cwd: dir });
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(
      /verdict: warn\n {2}train: energy \+25\.\d % \[\+\d+\.\d, \+\d+\.\d\] vs base: lower bound/,
    );
  });

  it.each([
    {
      base: '{"schemaVersion": 1}',
      line: /^carbon-gate: base base\.json: not a carbon-gate report: benchmarks: /,
    },
    { base: 'not json', line: /^carbon-gate: base base\.json: not JSON/ },
  ])('a malformed report is one line and exit 2', async ({ base, line }) => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'base.json'), base);
    writeFileSync(path.join(dir, 'head.json'), JSON.stringify(report([1])));
    const r = await runCli(['compare', '--base', 'base.json', '--head', 'head.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(line);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

function repo(work: number, extra = ''): string {
  const dir = tmp();
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'test');
  copyFileSync(WORKLOAD, path.join(dir, 'work.mjs'));
  const config = (w: number) =>
    `version: 1\n${extra}benchmarks:\n  - { name: spin, kind: other, run: node work.mjs, env: { WORK: "${w}" }, repeat: 7, maxRepeat: 7, warmup: 1 }\n`;
  writeFileSync(path.join(dir, 'carbon-gate.yml'), config(work));
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'base');
  writeFileSync(path.join(dir, 'carbon-gate.yml'), config(work * 1.25));
  git(dir, 'commit', '-qam', 'head: 25 % more work');
  return dir;
}

describe('carbon-gate run --ab / --baseline', () => {
  it('run --ab HEAD~1 catches a 25 % regression in a real repository and removes the worktree', async () => {
    // ~1.3 s of work per run beside ~0.15 s of start-up: +25 % of work is about +22 % of energy.
    const dir = repo(30);
    const r = await runCli(['run', '--ab', 'HEAD~1', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout);
    expect(rep.verdict.status).toBe('fail');
    expect(rep.verdict.baseline.source).toBe('ab');
    expect(rep.verdict.baseline.ref).toMatch(/^HEAD~1 \([0-9a-f]{12}\)$/);
    expect(rep.benchmarks[0].comparison).toMatchObject({ method: 'paired', pairs: 7, baseline: 'ab' });
    expect(rep.benchmarks[0].comparison.ci95[0]).toBeGreaterThan(1.1);
    expect(r.stderr).toContain('[base spin] ');
    const order = [...r.stderr.matchAll(/(base|head) repeat (\d)\/7/g)].map((m) => `${m[1]}${m[2]}`);
    expect(order.slice(0, 6)).toEqual(['base1', 'head1', 'head2', 'base2', 'base3', 'head3']);
    expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it('--ab with a revision git cannot resolve is exit 2 and leaves no worktree', async () => {
    const dir = repo(1);
    const r = await runCli(['run', '--ab', 'no-such-ref'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('git cannot resolve "no-such-ref"');
    expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it('--baseline FILE compares with a previous report; a malformed one stops before anything runs', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'carbon-gate.yml'),
      'version: 1\nbudget: { energy: { fail: 1 kWh } }\nbenchmarks:\n  - { name: t, kind: other, run: "touch ran-$$" }\n',
    );
    const first = await runCli(['run', '--out', 'base'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('no baseline: regression not checked');
    const second = await runCli(['run', '--json', '--baseline', 'base/carbon-report.json'], { cwd: dir });
    const rep = JSON.parse(second.stdout);
    expect(rep.benchmarks[0].samples).toHaveLength(5);
    expect(rep.benchmarks[0].comparison).toMatchObject({ method: 'independent', baseline: 'file' });
    expect(rep.benchmarks[0].budgetUse[0]).toMatchObject({ limit: 'energy.fail', limitValue: 3.6e6 });
    const ran = readdirSync(dir).filter((f) => f.startsWith('ran-')).length;
    writeFileSync(path.join(dir, 'bad.json'), '{"schemaVersion": 2}');
    const bad = await runCli(['run', '--baseline', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(
      /^carbon-gate: baseline bad\.json: not a carbon-gate report: schemaVersion: /,
    );
    expect(readdirSync(dir).filter((f) => f.startsWith('ran-')).length).toBe(ran);
    expect(existsSync(path.join(dir, '.carbon-gate', 'carbon-report.json'))).toBe(true);
    expect(
      JSON.parse(readFileSync(path.join(dir, '.carbon-gate', 'carbon-report.json'), 'utf8')).verdict,
    ).toBeTruthy();
  });
});
