import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeMetricsDirs } from '../../src/runner/io/metrics-channel.js';
import { killAllGroups, spawnCommand } from '../../src/runner/io/spawn-command.js';
import { runSuite } from '../../src/runner/run-suite.js';
import type { BenchmarkSpec } from '../../src/runner/types.js';
import { collector } from '../helpers/collect.js';
import { countingMeter } from '../helpers/counting-meter.js';
import { alive, killAll, running } from '../helpers/processes.js';

// The metrics folders spawnCommand makes: a test worker may end without the 'exit' that removes them.
afterAll(removeMetricsDirs);

/**
 * What a benchmark leaves running when it exits (issue 12), with real processes: setsid daemons,
 * children holding its stdout. Every process these tests start carries DIGITS in its command line,
 * so afterAll can check with pgrep that none is left.
 */
const DIGITS = `${process.pid}${Date.now() % 1_000_000}`;
const TOKEN = `cg-leftover-${DIGITS}`;
/**
 * A daemon in its own session that writes its pid to ./daemon.pid, then loops: spinning one core like
 * the (`busy`), or sleeping, to spare a 2-core machine running other tests.
 */
const spinner = (env = '', busy = false) =>
  `setsid ${env} sh -c 'echo $$ > daemon.pid; while :; do ${busy ? ':' : 'sleep 1'}; done # ${TOKEN}' >/dev/null 2>&1 </dev/null &`;
const SLEEP = `sleep 30.${DIGITS}`;

const dirs: string[] = [];
function tmpDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-leftover-'));
  dirs.push(dir);
  return dir;
}

const spec = (run: string, extra: Partial<BenchmarkSpec> = {}): BenchmarkSpec => ({
  name: 't',
  kind: 'other',
  run,
  cwd: tmpDir(),
  env: {},
  repeat: 1,
  warmup: 0,
  timeoutS: 60,
  ...extra,
});

const strays = (): number[] => running(['-f', DIGITS]);

const daemonPid = (dir: string) => Number(readFileSync(path.join(dir, 'daemon.pid'), 'utf8'));

async function waitFor(check: () => boolean, limitMs = 20_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(() => {
  killAll(strays());
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {
  expect(killAll(strays())).toEqual([]);
});

const linux = process.platform === 'linux';

describe.skipIf(!linux)('spawnCommand ends what a benchmark leaves running (real processes)', () => {
  it('a setsid daemon seen while the benchmark ran: SIGTERM, and a note naming it', async () => {
    const s = spec(`${spinner('', true)} sleep 2`);
    const r = await spawnCommand(s, { output: collector() });
    expect(r.ok).toBe(true);
    const pid = daemonPid(s.cwd);
    expect(alive(pid)).toBe(false);
    expect(r.notes).toEqual([`ended 1 process left running after the benchmark exited: pid ${pid} (sh)`]);
    expect(strays()).toEqual([]);
  });

  it('a daemon that clears its environment is still found by walking the tree while it runs', async () => {
    const s = spec(`${spinner('env -i')} sleep 2`);
    const r = await spawnCommand(s, { output: collector() });
    const pid = daemonPid(s.cwd);
    expect(alive(pid)).toBe(false);
    // The daemon and, perhaps, the `sleep 1` of its loop.
    expect(r.notes).toEqual([
      expect.stringMatching(
        new RegExp(`^ended \\d+ process(es)? left running after the benchmark exited: pids? ${pid} \\(sh\\)`),
      ),
    ]);
  });

  it('a daemon started as the benchmark exits is found by its environment', async () => {
    const s = spec(spinner());
    const r = await spawnCommand(s, { output: collector() });
    expect(r.ok).toBe(true);
    expect(r.notes).toEqual([
      expect.stringMatching(/^ended \d+ process(es)? left running after the benchmark exited/),
    ]);
    if (existsSync(path.join(s.cwd, 'daemon.pid'))) expect(alive(daemonPid(s.cwd))).toBe(false);
    expect(strays()).toEqual([]);
  });

  it('a daemon that ignores SIGTERM is SIGKILLed after a short grace', async () => {
    const run = `setsid sh -c "trap '' TERM; echo \\$\\$ > daemon.pid; while :; do sleep 0.2; done # ${TOKEN}" >/dev/null 2>&1 & sleep 2`;
    const s = spec(run);
    const r = await spawnCommand(s, { output: collector() });
    expect(r.ok).toBe(true);
    expect(alive(daemonPid(s.cwd))).toBe(false);
    expect(r.notes?.[0]).toMatch(/^ended \d+ process(es)? left running/);
  });

  it('a child holding stdout (in the group, or after setsid) is ended; the output before it is kept', async () => {
    const out = collector();
    const start = Date.now();
    const r = await spawnCommand(spec(`${SLEEP} & setsid ${SLEEP} & echo started; sleep 1`), {
      prefix: '[h] ',
      output: out,
    });
    // The holders sleep 30 s: returning well before that means nobody waited for them.
    expect((Date.now() - start) / 1000).toBeLessThan(15);
    expect(r.ok).toBe(true);
    expect(out.text()).toBe('[h] started\n');
    expect(r.notes).toEqual([
      expect.stringMatching(
        /^ended 2 processes left running after the benchmark exited: pids \d+ \(sleep\), \d+ \(sleep\)$/,
      ),
    ]);
    expect(strays()).toEqual([]);
  });

  it('a holder nobody can find (no /proc view of it) stops being read soon after the exit', async () => {
    // A fake /proc that shows nothing of the benchmark: only the pipe's grace can end the wait.
    const fakeProc = tmpDir();
    mkdirSync(path.join(fakeProc, '1'));
    writeFileSync(
      path.join(fakeProc, '1', 'stat'),
      '1 (init) S 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0\n',
    );
    const out = collector();
    const start = Date.now();
    const r = await spawnCommand(spec(`setsid ${SLEEP} & sleep 1; echo started`), {
      output: out,
      procRoot: fakeProc,
    });
    expect((Date.now() - start) / 1000).toBeLessThan(15);
    expect(out.text()).toBe('started\n');
    expect(r.notes).toEqual([
      "stopped reading the benchmark's output 1.5 s after it exited: a process it started still holds it open",
    ]);
  });

  it('without /proc, the process group is still ended, and the note says setsid escapes it', async () => {
    const out = collector();
    const r = await spawnCommand(spec(`${SLEEP} & echo started`), {
      output: out,
      procRoot: '/nonexistent/proc',
    });
    expect(r.ok).toBe(true);
    expect(r.notes).toEqual([expect.stringMatching(/process group .*without \/proc.*setsid/)]);
    expect(strays()).toEqual([]);
  });

  it('a timeout ends the setsid daemons seen too, not only the process group', async () => {
    const s = spec(`${spinner()} sleep 60`, { timeoutS: 2 });
    const r = await spawnCommand(s, { output: collector() });
    expect(r).toMatchObject({ ok: false, timedOut: true });
    expect(alive(daemonPid(s.cwd))).toBe(false);
    expect(strays()).toEqual([]);
  });

  it('killAllGroups (Ctrl-C) ends the setsid daemons of a running benchmark', async () => {
    const s = spec(`${spinner()} sleep 60`);
    const running = spawnCommand(s, { output: collector() });
    const pidFile = path.join(s.cwd, 'daemon.pid');
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '');
    // Give the tree walk (every 200 ms) time to see the daemon, generously.
    await new Promise((res) => setTimeout(res, 1500));
    killAllGroups();
    const r = await running;
    expect(r.ok).toBe(false);
    await waitFor(() => !alive(daemonPid(s.cwd)), 5000);
  });

  it('a double fork that clears its environment (re-parented at once, never seen by the walk) is found as an orphan', async () => {
    // The subshell forks and exits at once: its child is re-parented before the 200 ms walk can see it,
    // and `env -i` drops the environment marker (issue 1).
    const s = spec(`(setsid env -i sh -c 'echo $$ > daemon.pid; exec ${SLEEP}' &); sleep 1`);
    const r = await spawnCommand(s, { output: collector() });
    expect(r.ok).toBe(true);
    const pid = daemonPid(s.cwd);
    expect(alive(pid), `orphan ${pid} still running; notes: ${JSON.stringify(r.notes)}`).toBe(false);
    expect(r.notes).toEqual([`ended 1 process left running after the benchmark exited: pid ${pid} (sleep)`]);
    expect(strays()).toEqual([]);
  });

  it('an orphan of ours that started before the benchmark is left alone', async () => {
    // Started (and orphaned) by the test before the benchmark: not the benchmark's, whatever it looks like.
    const dir = tmpDir();
    execFileSync(
      'sh',
      ['-c', `(setsid sh -c 'echo $$ > daemon.pid; exec ${SLEEP}' </dev/null >/dev/null 2>&1 &)`],
      {
        cwd: dir,
      },
    );
    await waitFor(
      () =>
        existsSync(path.join(dir, 'daemon.pid')) && readFileSync(path.join(dir, 'daemon.pid'), 'utf8') !== '',
    );
    const before = daemonPid(dir);
    // A tick of /proc's start time is 10 ms: let the benchmark start well after it.
    await new Promise((res) => setTimeout(res, 50));
    const r = await spawnCommand(spec('sleep 0.3'), { output: collector() });
    expect(r.ok).toBe(true);
    expect(r.notes).toBeUndefined();
    expect(alive(before)).toBe(true);
  });

  it("the sample's notes carry the leftovers and the metrics file's problems", async () => {
    const runs = await runSuite([spec(`${spinner()} echo nope > "$CARBON_GATE_METRICS_FILE"; sleep 2`)], {
      meter: countingMeter().meter,
      spawnBenchmark: (s, onPid) => spawnCommand(s, { output: collector(), onPid }),
      progress: () => {},
    });
    expect(runs[0]!.samples[0]!.measurement.notes).toEqual([
      expect.stringMatching(
        /^ended \d+ process(es)? left running after the benchmark exited: pids? \d+ \(sh\)/,
      ),
      'metrics file is not JSON: ignored',
    ]);
  });
});
