import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { every } from '../../io/shared-ticker.js';
import { DEFAULT_INTERVAL_S } from '../../meter/defaults.js';
import { describeExit } from '../describe-exit.js';
import type { BenchmarkSpec, CommandResult } from '../types.js';
import { METRICS_ENV } from '../metrics-file.js';
import { MARKERS_ENV } from '../../meter/task-window.js';
import type { TrackAttach, TreeWatch } from '../../meter/types.js';
import { MarkerReader } from './marker-reader.js';
import { LinePrefixer } from './line-prefixer.js';
import { newMetricsFile, takeMetrics, type MetricsSlot } from './metrics-channel.js';
import { defaultProcRoot, describePids, ProcessTree, type ProcInfo } from './process-tree.js';
import { busyUserReason, endUserProcesses, killEveryProcessOf, orphanSearch } from './strays.js';

/** Grace between SIGTERM and SIGKILL when a benchmark times out. */
const KILL_GRACE_MS = 2000;
/** Grace between SIGTERM and SIGKILL for what a benchmark left running when it exited. */
const LEFTOVER_GRACE_MS = 1000;
/** How long after the benchmark exits its output pipes may stay open (a daemon may hold them). */
const PIPE_GRACE_MS = 1500;
/** How long our own reader may hold us after the exit, on top of PIPE_GRACE_MS, while we wait for 'drain'. */
const DRAIN_LIMIT_MS = 10_000;
/**
 * How often the benchmark's process tree is walked while it runs: the meter's default interval, so that
 * the walk shares the sampler's wake (src/io/shared-ticker.ts; each wake of Node costs CPU, issue 13 §5).
 */
const POLL_MS = DEFAULT_INTERVAL_S * 1000;
/**
 * The most time spent ending what a benchmark left running. Reading /proc/<pid>/environ can stall (a
 * process whose memory is backed by a FUSE file system that does not answer): past this, the run goes
 * on with a note, and only the process group and the processes already seen are killed.
 */
const LEFTOVER_LIMIT_MS = 5000;

/** A user to run the benchmark as (child_process.spawn's uid and gid; needs root or CAP_SETUID). */
export interface SpawnUser {
  uid: number;
  gid: number;
}

export interface SpawnOptions {
  /** Where the benchmark's stdout and stderr go, line by line. */
  output: Writable;
  /** Put before each output line, e.g. `[train] ` (default none). */
  prefix?: string;
  /** Called as soon as the process exists (the meter tracks its tree and follows its task markers). */
  onPid?: (pid: number, attach?: TrackAttach) => void;
  /** The environment the command inherits (default: this process's); the engine passes one per its policy (engine/bench-env.ts). */
  env?: NodeJS.ProcessEnv;
  /** Run the benchmark as this user and group instead of carbon-gate's own. */
  runAs?: SpawnUser;
  /** Where /proc is, for tests with a fake tree (default CARBON_GATE_PROC_ROOT, else /proc). */
  procRoot?: string;
}

interface LiveRun {
  pgid: number;
  tree: ProcessTree | null;
  procRoot: string;
  runAs?: SpawnUser;
}
const liveRuns = new Set<LiveRun>();
/** Users found without processes of their own before their first benchmark (strays.ts). */
const dedicatedUsers = new Set<number>();

/**
 * Kills every benchmark still running, its process group, every process seen in its tree and, for a
 * benchmark run as another user, every process of that user (Ctrl-C, fatal error).
 */
export function killAllGroups(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const run of liveRuns) {
    killRun(run, signal);
    if (run.runAs && signal === 'SIGKILL') void killEveryProcessOf(run.runAs);
  }
}

function killRun(run: LiveRun, signal: NodeJS.Signals): void {
  killGroup(run.pgid, signal);
  run.tree?.signal(run.tree.tracked(), signal);
}

function killGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    // ESRCH: the group is already gone.
    return false;
  }
}

const procAvailable = new Map<string, boolean>();
function hasProc(root: string): boolean {
  let known = procAvailable.get(root);
  if (known === undefined) procAvailable.set(root, (known = ProcessTree.available(root)));
  return known;
}

const notStarted = (reason: string): CommandResult => ({
  ok: false,
  exitCode: null,
  signal: null,
  timedOut: false,
  reason,
  durationS: 0,
});

/**
 * Runs `spec.run` with /bin/sh in a new process group, streaming its output with a prefix; while the
 * output stream asks to wait ('drain'), the child's pipes are not read, so the child waits, not our
 * memory. On timeout the whole group and every process seen in its tree get SIGTERM, then SIGKILL.
 * When the command exits, whatever it left running (in its group, escaped with setsid: process-tree.ts;
 * double-forked, or anything of the user it ran as: strays.ts) is ended within LEFTOVER_LIMIT_MS and
 * noted on the result, and its output pipes are read for at most PIPE_GRACE_MS more.
 */
export function spawnCommand(spec: BenchmarkSpec, opts: SpawnOptions): Promise<CommandResult> {
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  if (!existsSync(spec.cwd)) {
    return Promise.resolve(notStarted(`could not start: working directory ${spec.cwd} does not exist`));
  }
  const procRoot = opts.procRoot ?? defaultProcRoot();
  const { runAs } = opts;
  if (runAs && hasProc(procRoot) && !dedicatedUsers.has(runAs.uid)) {
    // Every process of this user is ended after each run: it must have none of its own.
    const busy = busyUserReason(runAs, procRoot, describePids);
    if (busy) return Promise.resolve(notStarted(`could not start: ${busy}`));
    dedicatedUsers.add(runAs.uid);
  }
  let slot: MetricsSlot;
  let markers: MarkerReader;
  try {
    slot = newMetricsFile(runAs);
    markers = new MarkerReader(newMetricsFile(runAs, 'markers').file);
  } catch (e) {
    return Promise.resolve(notStarted(`could not start: no metrics file: ${(e as Error).message}`));
  }
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', spec.run], {
      cwd: spec.cwd,
      env: {
        ...(opts.env ?? process.env),
        ...spec.env,
        [METRICS_ENV]: slot.file,
        [MARKERS_ENV]: markers.file,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    const output = opts.output;
    const out = new LinePrefixer(opts.prefix ?? '', output);
    const err = new LinePrefixer(opts.prefix ?? '', output);
    // Backpressure: a slow reader of our output (a pipe to a slow consumer) pauses the child's pipes.
    let pausedAt: number | null = null;
    let pausedMs = 0;
    const resume = () => {
      if (pausedAt === null) return;
      pausedMs += performance.now() - pausedAt;
      pausedAt = null;
      output.off('drain', resume).off('close', resume);
      child.stdout.resume();
      child.stderr.resume();
    };
    const pause = () => {
      if (pausedAt !== null || output.destroyed) return;
      pausedAt = performance.now();
      child.stdout.pause();
      child.stderr.pause();
      output.once('drain', resume).once('close', resume);
    };
    child.stdout.on('data', (c: Buffer) => out.write(c) || pause());
    child.stderr.on('data', (c: Buffer) => err.write(c) || pause());
    let isClosed = false;
    const closed = new Promise<void>((res) =>
      child.once('close', () => {
        isClosed = true;
        res();
      }),
    );
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    let poller: (() => void) | undefined;
    const pid = child.pid;
    let run: LiveRun | undefined;
    if (pid) {
      const envMarker = `${METRICS_ENV}=${slot.file}`;
      // Run as another user, every process of it is ended (strays.ts): no search for orphans needed.
      const orphans = runAs ? undefined : orphanSearch(procRoot, envMarker);
      const tree = hasProc(procRoot) ? new ProcessTree(pid, { procRoot, envMarker, orphans }) : null;
      run = { pgid: pid, tree, procRoot, ...(runAs ? { runAs } : {}) };
      liveRuns.add(run);
      if (tree) poller = every(POLL_MS, () => tree.poll());
      // A meter that walks the same tree every tick takes the walks over: one walk, one wake per tick.
      const watch: TreeWatch | undefined = tree
        ? {
            takeOver: () => {
              poller?.();
              poller = undefined;
              return (p) => tree.observe(p);
            },
          }
        : undefined;
      opts.onPid?.(pid, { markers, ...(watch ? { tree: watch } : {}) });
    }
    // A finite timeout only: setTimeout fires at once for Infinity.
    const timer = setTimeout(
      () => {
        if (!run) return;
        timedOut = true;
        const r = run;
        killRun(r, 'SIGTERM');
        killTimer = setTimeout(() => killRun(r, 'SIGKILL'), KILL_GRACE_MS);
      },
      Math.min(spec.timeoutS * 1000, 2 ** 31 - 1),
    );
    let settled = false;
    const finish = async (result: CommandResult, exitedAt?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      poller?.();
      const notes: string[] = [];
      if (run) {
        notes.push(...(await endLeftoversInTime(run)));
        liveRuns.delete(run);
      }
      if (exitedAt !== undefined) {
        // Output still in the pipes arrives before 'close'; a process outside the tree may hold them open.
        // Time spent waiting for our own reader ('drain') does not count, up to DRAIN_LIMIT_MS.
        const t0 = performance.now();
        const grace = Math.max(100, exitedAt + PIPE_GRACE_MS - t0);
        const pausedFor = (t: number) => pausedMs + (pausedAt === null ? 0 : t - pausedAt);
        const pausedBefore = pausedFor(t0);
        while (!isClosed) {
          const now = performance.now();
          const waited = now - t0;
          if (waited >= grace + DRAIN_LIMIT_MS) {
            notes.push(
              `stopped writing the benchmark's output ${Math.round((waited + t0 - exitedAt) / 1000)} s after it exited: what reads carbon-gate's output did not keep up`,
            );
            break;
          }
          if (waited - (pausedFor(now) - pausedBefore) >= grace) {
            notes.push(
              `stopped reading the benchmark's output ${PIPE_GRACE_MS / 1000} s after it exited: a process it started still holds it open`,
            );
            break;
          }
          await Promise.race([closed, delay(25)]);
        }
      }
      resume();
      child.stdout.destroy();
      child.stderr.destroy();
      out.flush();
      err.flush();
      const withNotes = notes.length ? { ...result, notes } : result;
      // The last markers reach the meter before the run is over for it (meteredRepeat stops it next).
      await markers.close();
      resolve(withReported(withNotes, await takeMetrics(slot)));
    };
    child.on(
      'error',
      (e) =>
        void finish({
          ok: false,
          exitCode: null,
          signal: null,
          timedOut,
          reason: `could not start: ${e.message}`,
          durationS: elapsed(),
        }),
    );
    child.on('exit', (exitCode, signal) => {
      const exitedAt = performance.now();
      const durationS = elapsed();
      const ended = { exitCode, signal, timedOut };
      const ok = !timedOut && exitCode === 0;
      const result: CommandResult = { ok, ...ended, durationS };
      if (!ok) result.reason = describeExit(ended, spec.timeoutS);
      void finish(result, exitedAt);
    });
  });
}

/** endLeftovers within LEFTOVER_LIMIT_MS: past it, what is known is killed and a note says so. */
async function endLeftoversInTime(run: LiveRun): Promise<string[]> {
  const ended = endLeftovers(run).catch((e: Error) => [
    `could not end what the benchmark left running: ${e.message}`,
  ]);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<null>((res) => (timer = setTimeout(() => res(null), LEFTOVER_LIMIT_MS)));
  const notes = await Promise.race([ended, expired]);
  clearTimeout(timer);
  if (notes) return notes;
  // Still waiting on /proc: kill what is known without reading any more of it.
  killRun(run, 'SIGKILL');
  if (run.runAs) await killEveryProcessOf(run.runAs);
  return [
    `gave up ending what the benchmark left running after ${LEFTOVER_LIMIT_MS / 1000} s: reading /proc did not answer (its process group and the processes seen while it ran were killed${run.runAs ? ', and every process of its user' : ''})`,
  ];
}

/**
 * Ends what the benchmark left running once its main process exited: SIGTERM, then SIGKILL after
 * LEFTOVER_GRACE_MS; run as another user, then every process of that user. Returns the sample's notes.
 */
async function endLeftovers(run: LiveRun): Promise<string[]> {
  const notes = await endTree(run);
  if (!run.runAs) return notes;
  if (!run.tree) {
    // No /proc to count them: they are ended all the same.
    await killEveryProcessOf(run.runAs);
    return notes;
  }
  const left = await endUserProcesses(run.runAs, run.procRoot);
  const n = left.length;
  if (n) {
    notes.push(
      `ended ${n} process${n === 1 ? '' : 'es'} of the benchmark user (uid ${run.runAs.uid}) still running after the benchmark exited: ${describePids(left)}`,
    );
  }
  return notes;
}

/** The tree's part of endLeftovers: what process-tree.ts finds, or the process group without /proc. */
async function endTree(run: LiveRun): Promise<string[]> {
  const { tree, pgid } = run;
  if (!tree) {
    // No /proc (macOS): only the process group can be found and killed.
    if (!killGroup(pgid, 0)) return [];
    killGroup(pgid, 'SIGTERM');
    const deadline = performance.now() + LEFTOVER_GRACE_MS;
    while (killGroup(pgid, 0) && performance.now() < deadline) await delay(50);
    killGroup(pgid, 'SIGKILL');
    return [
      "ended processes left running in the benchmark's process group after it exited (without /proc, processes that left the group, e.g. with setsid, cannot be found)",
    ];
  }
  // Rounds, for a process that starts others while it is being ended.
  const ended = new Map<string, ProcInfo>();
  const key = (p: ProcInfo) => `${p.pid}:${p.startTime}`;
  for (let round = 1; round <= 3; round++) {
    const left = (await tree.leftovers()).filter((p) => !ended.has(key(p)));
    if (!left.length) break;
    tree.signal(left, 'SIGTERM');
    killGroup(pgid, 'SIGTERM');
    const deadline = performance.now() + (round === 1 ? LEFTOVER_GRACE_MS : 0);
    while (left.some((p) => tree.isRunning(p)) && performance.now() < deadline) await delay(50);
    tree.signal(left, 'SIGKILL');
    for (const p of left) ended.set(key(p), p);
  }
  // Group members /proc did not show, as before; a zombie member (an init that never reaps) is not waited for.
  killGroup(pgid, 'SIGKILL');
  const n = ended.size;
  if (!n) return [];
  const procs = [...ended.values()].sort((a, b) => a.pid - b.pid);
  return [
    `ended ${n} process${n === 1 ? '' : 'es'} left running after the benchmark exited: ${describePids(procs)}`,
  ];
}

/** Adds what the benchmark reported; its own one-line error explains a failure better than an exit code. */
function withReported(
  result: CommandResult,
  reported: Awaited<ReturnType<typeof takeMetrics>>,
): CommandResult {
  if (!reported) return result;
  const out: CommandResult = { ...result, reported };
  if (!result.ok && reported.error) out.reason = `${result.reason ?? 'failed'}: ${reported.error}`;
  return out;
}
