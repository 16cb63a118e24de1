import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
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

describe.skipIf(process.platform === 'win32')('spawnCommand output backpressure (issue 3)', () => {
  it('a slow reader of our output slows the benchmark down instead of filling our memory', async () => {
    // The reader takes a chunk, then pauses: far slower than `yes` can write.
    const reader = spawn(
      process.execPath,
      [
        '-e',
        `let n = 0;
         process.stdin.on('data', (c) => { n += c.length; process.stdin.pause(); setTimeout(() => process.stdin.resume(), 2); });
         process.stdin.on('end', () => process.stdout.write(String(n)));`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let received = '';
    reader.stdout.on('data', (c: Buffer) => (received += c.toString()));
    const output = reader.stdin;
    // The most bytes ever waiting in our output stream, seen after each write.
    let peak = 0;
    const write = output.write.bind(output) as (chunk: Buffer) => boolean;
    output.write = ((chunk: Buffer) => {
      const ok = write(chunk);
      peak = Math.max(peak, output.writableLength);
      return ok;
    }) as typeof output.write;
    const BYTES = 16_000_000;
    const r = await spawnCommand(spec(`yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c ${BYTES}`), {
      prefix: '[b] ',
      output,
    });
    output.end();
    await new Promise((res) => reader.once('close', res));
    expect(r.ok, r.reason).toBe(true);
    // Every line arrived, prefixed: 37-byte lines, the last one cut and ended by flush().
    const lines = Math.ceil(BYTES / 37);
    expect(Number(received)).toBe(BYTES + lines * 4 + (BYTES % 37 ? 1 : 0));
    // Without backpressure, megabytes wait in memory; with it, a few pipe reads' worth.
    expect(peak).toBeLessThan(1024 * 1024);
  });
});

describe.skipIf(process.platform !== 'linux')(
  'spawnCommand: ending leftovers has a time limit (issue 4)',
  () => {
    it('/proc reads that never answer are given up after a few seconds, with a note, and hold up nothing else', async () => {
      // A fake /proc whose processes have environments that block when read (a FIFO with no writer, as
      // for a process whose memory a stalled FUSE file system backs): the marker check cannot finish.
      // Four of them: as many as libuv has threads for every file read of ours.
      const fakeProc = tmpDir('cg-fake-proc-');
      const fifos: string[] = [];
      for (let i = 0; i < 4; i++) {
        const pid = 99999990 + i;
        mkdirSync(path.join(fakeProc, String(pid)));
        writeFileSync(
          path.join(fakeProc, String(pid), 'stat'),
          `${pid} (stuck) S 1 ${pid} ${pid} 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0\n`,
        );
        const environ = path.join(fakeProc, String(pid), 'environ');
        execFileSync('mkfifo', [environ]);
        fifos.push(environ);
      }
      const start = Date.now();
      const hung = () => new Promise<'hung'>((res) => setTimeout(() => res('hung'), 20_000));
      const r = await Promise.race([
        spawnCommand(spec('echo "{\\"n\\": 1}" > "$CARBON_GATE_METRICS_FILE"'), {
          output: collector(),
          procRoot: fakeProc,
        }),
        hung(),
      ]);
      const elapsedS = (Date.now() - start) / 1000;
      // While those reads still hang, the next run is not held up by them.
      const next = await Promise.race([
        spawnCommand(spec('echo "{\\"n\\": 2}" > "$CARBON_GATE_METRICS_FILE"'), { output: collector() }),
        hung(),
      ]);
      // Let the blocked reads finish: every FIFO becomes a plain environment without the marker, and a
      // reader still waiting on one gets that environment.
      for (const environ of fifos) {
        let fd: number | null = null;
        try {
          fd = openSync(environ, constants.O_WRONLY | constants.O_NONBLOCK);
        } catch {
          // ENXIO: nobody is reading this one.
        }
        writeFileSync(`${environ}.plain`, 'A=1\0');
        renameSync(`${environ}.plain`, environ);
        if (fd !== null) {
          writeSync(fd, 'A=1\0');
          closeSync(fd);
        }
      }
      expect(r, 'spawnCommand never returned').not.toBe('hung');
      expect(next, 'the next run never returned').not.toBe('hung');
      if (r === 'hung' || next === 'hung') return;
      expect(elapsedS).toBeLessThan(15);
      expect(r).toMatchObject({ ok: true, reported: { metrics: { n: 1 } } });
      expect(r.notes).toEqual([
        expect.stringMatching(/^gave up ending what the benchmark left running after \d+ s/),
      ]);
      expect(next).toMatchObject({ ok: true, reported: { metrics: { n: 2 } } });
      expect(next.notes).toBeUndefined();
    }, 60_000);
  },
);
