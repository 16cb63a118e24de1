import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DEFAULT_GPU_INTERVAL_S, describeNvidia, type GpuMeter } from '../nvidia-describe.js';
import { GpuEnergyIntegrator } from '../nvidia-energy.js';
import type { NvidiaGpu } from '../nvidia-parse.js';
import type { MeterSession } from '../types.js';
import { secondsTenths } from '../../text/format-number.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import { resolveNvidiaSmi } from './nvidia-smi.js';

export interface NvidiaMeterOptions {
  /** The GPUs detectNvidiaGpus found; each gets a row even if nvidia-smi never reports it. */
  gpus: NvidiaGpu[];
  /** Absolute path of nvidia-smi (detection's `binary`); resolved through PATH when absent. */
  binary?: string;
  intervalS?: number;
  /** How long stop() waits for a first sample when none came during the run (default 2 s). */
  firstSampleWaitS?: number;
}

/** How long stop() waits for nvidia-smi to go after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 1000;
/**
 * A run shorter than nvidia-smi's start-up (up to a second or two without persistence mode) ends
 * before the first sample; stop() waits this long for it rather than report 0 J.
 */
const FIRST_SAMPLE_WAIT_S = 2;
/** A line longer than this is not nvidia-smi CSV; drop it rather than buffer without bound. */
const MAX_LINE = 4096;

const nowS = () => performance.now() / 1000;

/** GPU energy from one `nvidia-smi -lms` process per session, killed at stop(). */
export function createNvidiaMeter(opts: NvidiaMeterOptions): GpuMeter {
  const settings: Settings = {
    gpus: opts.gpus,
    binary: opts.binary ?? resolveNvidiaSmi() ?? 'nvidia-smi',
    intervalS: opts.intervalS ?? DEFAULT_GPU_INTERVAL_S,
    firstSampleWaitS: opts.firstSampleWaitS ?? FIRST_SAMPLE_WAIT_S,
  };
  return {
    describe: () => describeNvidia(settings.gpus, settings.intervalS),
    start: () => startSession(settings),
  };
}

type Settings = Required<NvidiaMeterOptions>;

function startSession({ binary, gpus, intervalS, firstSampleWaitS }: Settings): MeterSession {
  const startS = nowS();
  const acc = new GpuEnergyIntegrator(gpus);
  const notes: string[] = [];
  const ms = String(Math.max(1, Math.round(intervalS * 1000)));
  const args = ['--query-gpu=index,name,power.draw', '--format=csv,noheader,nounits', '-lms', ms];
  let stopped = false;
  let ended: { atS: number; code: number | null; signal: NodeJS.Signals | null } | null = null;
  let stderr = '';
  let child: ChildProcess | null = null;
  let gone: Promise<void> = Promise.resolve();
  let firstSample: () => void = () => {};
  const sampled = new Promise<void>((resolve) => (firstSample = resolve));
  try {
    child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    notes.push(`could not run nvidia-smi (${terminalSafe(binary)}): ${terminalSafe((e as Error).message)}`);
  }
  const onProcessExit = () => child?.kill('SIGKILL');
  if (child) {
    const c = child;
    gone = new Promise((resolve) => {
      c.once('exit', (code, signal) => {
        if (!stopped) ended = { atS: nowS(), code, signal };
        resolve();
      });
      c.once('error', (e) => {
        if (!stopped)
          notes.push(`could not run nvidia-smi (${terminalSafe(binary)}): ${terminalSafe(e.message)}`);
        resolve();
      });
    });
    let pending = '';
    c.stdout?.setEncoding('utf8');
    c.stdout?.on('data', (chunk: string) => {
      // After stop() only the first sample is still wanted (see FIRST_SAMPLE_WAIT_S).
      if (stopped && acc.sampleCount > 0) return;
      // One timestamp per chunk: the lines of a sample are written together.
      const t = nowS();
      const parts = (pending + chunk).split('\n');
      pending = parts.pop() ?? '';
      if (pending.length > MAX_LINE) pending = '';
      for (const line of parts) acc.addLine(line, t);
      if (acc.sampleCount > 0) firstSample();
    });
    c.stderr?.setEncoding('utf8');
    c.stderr?.on('data', (chunk: string) => {
      if (stderr.length < 2048) stderr += chunk;
    });
    // Never keep the CLI alive for the sampler; and never leave it running after the CLI exits.
    c.unref();
    for (const s of [c.stdout, c.stderr]) (s as { unref?: () => void } | null)?.unref?.();
    process.once('exit', onProcessExit);
  }
  return {
    // nvidia-smi reports whole boards: there is no per-process GPU energy to attribute.
    track() {},
    async stop() {
      const endS = nowS();
      stopped = true;
      process.removeListener('exit', onProcessExit);
      if (ended) notes.unshift(earlyExitNote(ended, startS, endS, stderr));
      if (child && !ended) {
        if (acc.sampleCount === 0) await within(firstSampleWaitS * 1000, Promise.race([sampled, gone]));
        await terminate(child, gone);
      }
      return acc.result(startS, endS, intervalS, notes);
    },
  };
}

function earlyExitNote(
  e: { atS: number; code: number | null; signal: NodeJS.Signals | null },
  startS: number,
  endS: number,
  stderr: string,
): string {
  const how = e.signal ? `killed by ${e.signal}` : `exit code ${e.code}`;
  const msg = terminalSafe(stderr.trim().split('\n')[0]?.trim().slice(0, 120) ?? '');
  const at = `${secondsTenths(e.atS - startS)} into a ${secondsTenths(endS - startS)} window`;
  return `nvidia-smi stopped early (${how}) ${at}${msg ? `: ${msg}` : ''}; GPU readings after that are missing`;
}

/** Waits for `p` at most `ms`; true when it settled in time. */
async function within(ms: number, p: Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const inTime = await Promise.race([p.then(() => true), late]);
  clearTimeout(timer);
  return inTime;
}

async function terminate(child: ChildProcess, gone: Promise<void>): Promise<void> {
  child.kill('SIGTERM');
  if (!(await within(KILL_GRACE_MS, gone))) child.kill('SIGKILL');
}
