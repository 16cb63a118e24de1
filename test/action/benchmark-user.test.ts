import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBenchmarkUser } from '../../src/action/benchmark-user.js';
import { InputError } from '../../src/action/input-error.js';
import { parseInputs } from '../../src/action/inputs.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { killAll, userProcesses } from '../helpers/processes.js';
import { payload, runAction } from './action-harness.js';

const root = process.getuid?.() === 0 && process.platform === 'linux';
const USER = `cgbench${process.pid}`;

describe('input benchmark-user', () => {
  it.each(['-rf', 'a b', 'x;id', '$(id)', 'a'.repeat(40)])('refuses %j as a user name', (name) => {
    expect(() => parseInputs((n) => (n === 'benchmark-user' ? name : ''))).toThrow(
      /^input benchmark-user: .* is not a user name/,
    );
  });
  it('needs root: anything else is an input error, never a silent run without isolation', async () => {
    await expect(resolveBenchmarkUser('nobody', 1000)).rejects.toThrow(InputError);
    await expect(resolveBenchmarkUser('nobody', 1000)).rejects.toThrow(/needs the Action to run as root/);
  });
  it.runIf(root)('refuses root and unknown users', async () => {
    await expect(resolveBenchmarkUser('root', 0)).rejects.toThrow(/is root/);
    await expect(resolveBenchmarkUser('no-such-user-cg', 0)).rejects.toThrow(
      /no local user "no-such-user-cg"/,
    );
  });
});

describe.runIf(root)('the built action with benchmark-user (as root, a throwaway user)', () => {
  let gh: FakeGitHub;
  let ws: string;
  beforeAll(async () => {
    execFileSync('useradd', ['--no-create-home', '--home-dir', '/nonexistent', '--shell', '/bin/sh', USER]);
    gh = await startFakeGitHub();
    ws = mkdtempSync(path.join(os.tmpdir(), 'cg-user-'));
    chmodSync(ws, 0o755);
  });
  afterAll(() => {
    gh?.close();
    rmSync(ws, { recursive: true, force: true });
    // Anything of the throwaway user still running (a failed test), so userdel can remove it.
    killAll(userProcesses(USER));
    execFileSync('userdel', [USER]);
  });

  const bench = (run: string) =>
    writeFileSync(
      path.join(ws, 'carbon-gate.yml'),
      `version: 1\nregion: SE\nmeter: { interval: 50ms }\nbenchmarks:\n  - { name: b, kind: other, run: ${JSON.stringify(run)} }\n`,
    );
  const action = () =>
    runAction({
      workspace: ws,
      event: payload('pull_request', (e) => e.action === 'opened'),
      eventName: 'pull_request',
      apiUrl: gh.url,
      inputs: { 'github-token': 'ghs_isolated_secret', 'benchmark-user': USER },
    });

  it('the benchmark runs as that user and cannot read the Action’s environment through /proc', async () => {
    // $PPID of the benchmark's shell is the Action's own node process.
    const spy = [
      'echo "uid=$(id -u) home=$HOME user=$USER"',
      'if cat /proc/$PPID/environ >/dev/null 2>&1; then echo environ=readable; else echo environ=denied; fi',
      'cat /proc/$PPID/environ 2>/dev/null | tr "\\0" "\\n" | grep TOKEN || true',
    ].join('; ');
    writeFileSync(
      path.join(ws, 'carbon-gate.yml'),
      `version: 1\nregion: SE\nmeter: { interval: 50ms }\nbenchmarks:\n  - { name: spy, kind: other, run: ${JSON.stringify(spy)} }\n`,
    );
    const uid = execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim();
    const r = await runAction({
      workspace: ws,
      event: payload('pull_request', (e) => e.action === 'opened'),
      eventName: 'pull_request',
      apiUrl: gh.url,
      inputs: { 'github-token': 'ghs_isolated_secret', 'benchmark-user': USER },
    });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`[spy] uid=${uid} home=/nonexistent user=${USER}`);
    expect(r.stdout).toContain('[spy] environ=denied');
    expect(r.stdout).not.toMatch(/\[spy\].*(ghs_isolated_secret|runtime-token|ghs_envtoken)/);
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8'));
    expect(report.benchmarks[0].status).toBe('pass');
  });
  it('a double fork of the benchmark is ended with every process of the user, and the sample says so', async () => {
    // Re-parented at once and without the environment marker: only the user's uid gives it away (issue 1).
    bench(`(setsid env -i sh -c 'exec sleep 300' &); sleep 1`);
    const r = await action();
    const left = userProcesses(USER);
    expect(left, `still running as ${USER}: ${left.join(' ')}`).toEqual([]);
    expect(r.code, r.stdout).toBe(0);
    const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8'));
    expect(report.benchmarks[0].samples[0].notes).toEqual([
      expect.stringMatching(
        /^ended 1 process of the benchmark user \(uid \d+\) still running after the benchmark exited: pid \d+ \(sleep\)$/,
      ),
    ]);
  });

  it('a user that already runs processes is refused: it must be dedicated to the benchmarks', async () => {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }));
    const busy = spawn('sleep', ['30'], { uid, gid, stdio: 'ignore' });
    try {
      await new Promise((res) => busy.once('spawn', res));
      bench('echo ran');
      const r = await action();
      expect(r.stdout).not.toContain('[b] ran');
      const report = JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8'));
      expect(report.benchmarks[0].status).toBe('error');
      expect(report.benchmarks[0].reason).toMatch(
        new RegExp(
          `could not start: user ${uid} already has 1 process running \\(pid ${busy.pid} \\(sleep\\)\\).*dedicated`,
        ),
      );
      // Refused, not killed: they are not the benchmark's.
      expect(userProcesses(USER)).toEqual([busy.pid]);
    } finally {
      busy.kill('SIGKILL');
    }
  });
});
