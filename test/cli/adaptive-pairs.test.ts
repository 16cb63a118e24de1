import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

/** Busy-waits the next of `ms` (in turn, a counter file in its directory keeping count across runs). */
const script = (ms: number[]) =>
  `import fs from 'node:fs';\nconst n = Number(fs.existsSync('n') ? fs.readFileSync('n', 'utf8') : 0);\nfs.writeFileSync('n', String(n + 1));\nconst end = Date.now() + ${JSON.stringify(ms)}[n % ${ms.length}];\nwhile (Date.now() < end);\n`;

/**
 * Identical work on both sides on average, but out of step: base runs 100, 300, 100… ms and head 300,
 * 100, 300… ms, so per-pair ratios swing about ×2.5 either way and no 5 or 7 of them place the interval
 * clear of the 5 % and 10 % limits (deterministic, unlike random noise that may happen to line up).
 */
function noisyRepo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-adaptive-'));
  dirs.push(dir);
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'test');
  writeFileSync(path.join(dir, '.gitignore'), 'n\n.carbon-gate/\n');
  writeFileSync(path.join(dir, 'noisy.mjs'), script([100, 300]));
  writeFileSync(
    path.join(dir, 'carbon-gate.yml'),
    'version: 1\nbenchmarks:\n  - { name: noisy, kind: other, run: node noisy.mjs, maxRepeat: 7 }\n',
  );
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'base');
  writeFileSync(path.join(dir, 'noisy.mjs'), script([300, 100]));
  git(dir, 'commit', '-qam', 'head: the same work out of step');
  return dir;
}

describe('run --ab with adaptive pairs (built CLI)', () => {
  it('adds pairs to a noisy benchmark, records them and why it stopped, and writes the report', async () => {
    const dir = noisyRepo();
    const r = await runCli(['run', '--ab', 'HEAD~1', '--json'], { cwd: dir });
    expect([0, 1], r.stderr).toContain(r.code);
    expect(r.stderr).toMatch(
      /\[1\/1\] noisy: adding pairs 6–7 of up to 7: interval .* \(97\.5 %\) straddles the (warn|fail) limit/,
    );
    const written = JSON.parse(readFileSync(path.join(dir, '.carbon-gate', 'carbon-report.json'), 'utf8'));
    const b = written.benchmarks[0];
    expect(b.adaptive).toMatchObject({ pairs: 7, minPairs: 5, maxPairs: 7, level: 0.975 });
    expect(b.adaptive.stop).toBe('max-repeat');
    expect(b.samples).toHaveLength(7);
    expect(b.comparison).toMatchObject({ method: 'paired', pairs: 7, level: 0.975 });
    expect(b.comparison.mde).toBeGreaterThan(0.1);
    expect(JSON.parse(r.stdout).benchmarks[0].adaptive).toEqual(b.adaptive);
  });
});
