import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeMetricsDirs } from '../../src/runner/io/metrics-channel.js';
import { spawnCommand } from '../../src/runner/io/spawn-command.js';
import type { BenchmarkSpec } from '../../src/runner/types.js';
import { collector } from '../helpers/collect.js';

const dirs: string[] = [];
const tmpDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
// The metrics folders spawnCommand makes: a test worker may end without the 'exit' that removes them.
afterAll(() => {
  removeMetricsDirs();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const spec = (run: string, extra: Partial<BenchmarkSpec> = {}): BenchmarkSpec => ({
  name: 't',
  kind: 'other',
  run,
  cwd: process.cwd(),
  env: {},
  repeat: 1,
  warmup: 0,
  timeoutS: 30,
  ...extra,
});

/** Running, as opposed to gone or a zombie (a container's init may never reap orphans). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

describe('spawnCommand (real child processes)', () => {
  it('streams stdout and stderr with a prefix and reports success', async () => {
    const out = collector();
    let seenPid = 0;
    const r = await spawnCommand(spec('echo one; echo two >&2'), {
      prefix: '[b] ',
      output: out,
      onPid: (pid) => (seenPid = pid),
    });
    expect(r).toMatchObject({ ok: true, exitCode: 0, signal: null, timedOut: false });
    expect(seenPid).toBeGreaterThan(0);
    expect(out.text()).toContain('[b] one\n');
    expect(out.text()).toContain('[b] two\n');
  });

  it('passes env and cwd', async () => {
    const dir = tmpDir('cg-cwd-');
    const out = collector();
    const r = await spawnCommand(spec('echo "$FOO" > seen.txt', { cwd: dir, env: { FOO: 'bar baz' } }), {
      output: out,
    });
    expect(r.ok).toBe(true);
    expect(readFileSync(path.join(dir, 'seen.txt'), 'utf8')).toBe('bar baz\n');
  });

  it.each([
    ['exit 3', { exitCode: 3, signal: null, timedOut: false }, 'exited with code 3'],
    ['kill -SEGV $$', { exitCode: null, signal: 'SIGSEGV', timedOut: false }, 'killed by signal SIGSEGV'],
  ])('%s → error with reason', async (run, fields, reason) => {
    const r = await spawnCommand(spec(run), { output: collector() });
    expect(r).toMatchObject({ ok: false, ...fields, reason });
  });

  it('a missing working directory is an error, not a crash', async () => {
    const r = await spawnCommand(spec('true', { cwd: '/nonexistent/dir' }), { output: collector() });
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/working directory .* does not exist/);
  });

  it('timeout kills the whole process group, grandchildren included', async () => {
    const dir = tmpDir('cg-hang-');
    const pidFile = path.join(dir, 'grandchild.pid');
    // The shell starts a background grandchild that ignores nothing, records its pid, then hangs.
    const run = `sleep 60 & echo $! > ${pidFile}; sleep 60`;
    const r = await spawnCommand(spec(run, { timeoutS: 0.5 }), { output: collector() });
    expect(r).toMatchObject({ ok: false, timedOut: true });
    expect(r.reason).toMatch(/timed out after 0.5 s/);
    expect(r.durationS).toBeLessThan(10);
    expect(existsSync(pidFile)).toBe(true);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((res) => setTimeout(res, 100));
    expect(alive(grandchild)).toBe(false);
  });

  it('a process that ignores SIGTERM is SIGKILLed after the grace period', async () => {
    const r = await spawnCommand(spec(`trap '' TERM; while :; do sleep 0.1; done`, { timeoutS: 0.3 }), {
      output: collector(),
    });
    expect(r).toMatchObject({ ok: false, timedOut: true, signal: 'SIGKILL' });
  });
});
