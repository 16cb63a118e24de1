import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import { describeExit } from '../describe-exit.js';
import type { BenchmarkSpec, CommandResult } from '../types.js';
import { METRICS_ENV } from '../metrics-file.js';
import { LinePrefixer } from './line-prefixer.js';
import { newMetricsFile, takeMetrics } from './metrics-channel.js';

/** Grace between SIGTERM and SIGKILL when a benchmark times out. */
const KILL_GRACE_MS = 2000;
const liveGroups = new Set<number>();

/** Kills every benchmark process group still running (on Ctrl-C or a fatal error). */
export function killAllGroups(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const pgid of liveGroups) killGroup(pgid, signal);
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Runs `spec.run` with /bin/sh in a new process group, streaming its output with a `[name]` prefix.
 * On timeout the whole group gets SIGTERM, then SIGKILL; leftovers of the group are killed on exit.
 */
export function spawnCommand(
  spec: BenchmarkSpec,
  prefix: string,
  output: Writable,
  onPid: (pid: number) => void,
  /** The environment the command inherits (default: this process's); the action passes one without tokens. */
  baseEnv: NodeJS.ProcessEnv = process.env,
): Promise<CommandResult> {
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  if (!existsSync(spec.cwd)) {
    const reason = `could not start: working directory ${spec.cwd} does not exist`;
    return Promise.resolve({
      ok: false,
      exitCode: null,
      signal: null,
      timedOut: false,
      reason,
      durationS: 0,
    });
  }
  const metricsFile = newMetricsFile();
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', spec.run], {
      cwd: spec.cwd,
      env: { ...baseEnv, ...spec.env, [METRICS_ENV]: metricsFile },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = new LinePrefixer(prefix, output);
    const err = new LinePrefixer(prefix, output);
    child.stdout.on('data', (c: Buffer) => out.write(c));
    child.stderr.on('data', (c: Buffer) => err.write(c));
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const pid = child.pid;
    if (pid) {
      liveGroups.add(pid);
      onPid(pid);
    }
    // A finite timeout only: setTimeout fires at once for Infinity.
    const timer = setTimeout(
      () => {
        if (!pid) return;
        timedOut = true;
        killGroup(pid, 'SIGTERM');
        killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
      },
      Math.min(spec.timeoutS * 1000, 2 ** 31 - 1),
    );
    let settled = false;
    const finish = (result: CommandResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      if (pid) {
        killGroup(pid, 'SIGKILL');
        liveGroups.delete(pid);
      }
      out.flush();
      err.flush();
      resolve(withReported(result, takeMetrics(metricsFile)));
    };
    child.on('error', (e) =>
      finish({
        ok: false,
        exitCode: null,
        signal: null,
        timedOut,
        reason: `could not start: ${e.message}`,
        durationS: elapsed(),
      }),
    );
    child.on('exit', (exitCode, signal) => {
      const durationS = elapsed();
      const ended = { exitCode, signal, timedOut };
      const ok = !timedOut && exitCode === 0;
      const result: CommandResult = { ok, ...ended, durationS };
      if (!ok) result.reason = describeExit(ended, spec.timeoutS);
      // Let buffered output arrive before the group's leftovers are killed.
      setImmediate(() => finish(result));
    });
  });
}

/** Adds what the benchmark reported; its own one-line error explains a failure better than an exit code. */
function withReported(result: CommandResult, reported: ReturnType<typeof takeMetrics>): CommandResult {
  if (!reported) return result;
  const out: CommandResult = { ...result, reported };
  if (!result.ok && reported.error) out.reason = `${result.reason ?? 'failed'}: ${reported.error}`;
  return out;
}
