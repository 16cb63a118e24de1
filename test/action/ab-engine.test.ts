import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBenchmarks } from '../../src/action/run-benchmarks.js';
import { InputError } from '../../src/action/input-error.js';
import { parseInputs } from '../../src/action/inputs.js';

const WORKLOAD = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../scripts/lib/gate-workload.mjs',
);
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

/** A repository whose head commit does more work than its parent, as a PR would. */
function repo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-action-ab-'));
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'test');
  copyFileSync(WORKLOAD, path.join(dir, 'work.mjs'));
  const config = (w: number) =>
    `version: 1\nbenchmarks:\n  - { name: spin, kind: other, run: node work.mjs, env: { WORK: "${w}" }, repeat: 3, maxRepeat: 3 }\n`;
  writeFileSync(path.join(dir, 'carbon-gate.yml'), config(1));
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'base');
  // 4× the work (~40 ms → ~170 ms beside ~150 ms of start-up): a ratio that stays above 1 on a busy
  // machine; this test is about the wiring, not the gate's resolution (test/cli/gate-command.test.ts).
  writeFileSync(path.join(dir, 'carbon-gate.yml'), config(4));
  git(dir, 'commit', '-qam', 'head');
  return dir;
}

describe('the Action engine with baseline: ab', () => {
  it('runs the base commit interleaved with the head and records a paired comparison', async () => {
    const dir = repo();
    const inputs = parseInputs((n) => ({ baseline: 'ab' })[n] ?? '');
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warning: (m: string) => lines.push(m) };
    const run = await runBenchmarks(inputs, dir, log, { kind: 'ab', ref: 'HEAD~1' });
    const b = run.report.benchmarks[0]!;
    expect(run.report.verdict.baseline.source).toBe('ab');
    expect(run.report.verdict.baseline.ref).toMatch(/^HEAD~1 \([0-9a-f]{12}\)$/);
    expect(b.comparison).toMatchObject({ method: 'paired', pairs: 3, baseline: 'ab' });
    expect(b.comparison!.ratio).toBeGreaterThan(1);
    expect(lines.join('\n')).toMatch(/base repeat 1\/3[\s\S]*head repeat 1\/3/);
    expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a base commit git cannot resolve is an input error worded for the Action, not the CLI', async () => {
    const dir = repo();
    const inputs = parseInputs((n) => ({ baseline: 'ab' })[n] ?? '');
    const log = { info: () => {}, warning: () => {} };
    const run = runBenchmarks(inputs, dir, log, { kind: 'ab', ref: 'f00dfeed' });
    await expect(run).rejects.toThrow(InputError);
    await expect(runBenchmarks(inputs, dir, log, { kind: 'ab', ref: 'f00dfeed' })).rejects.toThrow(
      /^baseline ab: base commit f00dfeed: git cannot resolve "f00dfeed" to a commit$/,
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
