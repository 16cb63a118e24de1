import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBenchmarks } from '../../src/action/run-benchmarks.js';
import { parseInputs } from '../../src/action/inputs.js';

/**
 * Security review, item 5: `baseline: ab` with benchmark-user. The base side runs from a worktree we create;
 * a base benchmark that writes into its tree must work as the head's does (as root, a throwaway user).
 */
const root = process.getuid?.() === 0 && process.platform === 'linux';
const USER = `cgab${process.pid}`;
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

describe.runIf(root)('baseline: ab with benchmark-user', () => {
  let dir: string;
  beforeAll(() => {
    execFileSync('useradd', ['--no-create-home', '--home-dir', '/nonexistent', '--shell', '/bin/sh', USER]);
    dir = mkdtempSync(path.join(os.tmpdir(), 'cg-ab-user-'));
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.email', 'test@example.com');
    git(dir, 'config', 'user.name', 'test');
    const config = (n: number) =>
      `version: 1\nregion: SE\nmeter: { interval: 50ms }\nbenchmarks:\n  - { name: writes, kind: other, run: "echo ${n} > out.txt && id -u", repeat: 2, maxRepeat: 2 }\n`;
    writeFileSync(path.join(dir, 'carbon-gate.yml'), config(1));
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    writeFileSync(path.join(dir, 'carbon-gate.yml'), config(2));
    git(dir, 'commit', '-qam', 'head');
    // The head's checkout is writable by the user (owned by root, so git as root still trusts it).
    chmodSync(dir, 0o777);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    execFileSync('userdel', [USER]);
  });

  it('a base benchmark that writes into its own tree passes, as the head does', async () => {
    const inputs = parseInputs((n) => ({ baseline: 'ab', 'benchmark-user': USER })[n] ?? '');
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warning: (m: string) => lines.push(m) };
    const run = await runBenchmarks(inputs, dir, log, { kind: 'ab', ref: 'HEAD~1' });
    const b = run.report.benchmarks[0]!;
    expect(b.status, `${b.reason ?? ''}\n${lines.join('\n')}`).toBe('pass');
    expect(b.comparison).toMatchObject({ method: 'paired', pairs: 2, baseline: 'ab' });
    expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });
});
