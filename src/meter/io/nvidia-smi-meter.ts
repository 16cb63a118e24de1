import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { DEFAULT_GPU_INTERVAL_S, describeNvidia, type GpuMeter } from '../nvidia-describe.js';
import { GpuEnergyIntegrator } from '../nvidia-energy.js';
import type { NvidiaGpu } from '../nvidia-parse.js';
import type { MeterSession, SessionContext } from '../types.js';
import {
  visibilitySetting,
  visibleGpus,
  type MigParents,
  type VisibilityEnv,
  type VisibleGpus,
} from '../visible-gpus.js';
import { secondsTenths } from '../../text/format-number.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import { ForeignAppWatch } from './nvidia-foreign-apps.js';
import { resolveNvidiaSmi } from './nvidia-smi.js';

export interface NvidiaMeterOptions {
  /** Every GPU detection found; those the benchmark can use each get a row even if nvidia-smi never reports it. */
  gpus: NvidiaGpu[];
  /** The environment benchmarks inherit: its CUDA_VISIBLE_DEVICES / NVIDIA_VISIBLE_DEVICES choose the GPUs. */
  env?: VisibilityEnv;
  /** MIG device UUID → board UUID (`nvidia-smi -L`), for MIG ids in those variables. */
  migParents?: MigParents;
  /** Absolute path of nvidia-smi (detection's `binary`); resolved through PATH when absent. */
  binary?: string;
  intervalS?: number;
  /** How long stop() waits for a first sample when none came during the run (default 2 s). */
  firstSampleWaitS?: number;
  /** Seconds between checks for other processes on the metered GPUs, besides start and end (default 5; 0: those only). */
  appsIntervalS?: number;
}

/** How long stop() waits for nvidia-smi to go after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 1000;
/**
 * A run shorter than nvidia-smi's start-up (up to a second or two without persistence mode) ends
 * before the first sample; stop() waits this long for it rather than report 0 J.
 */
const FIRST_SAMPLE_WAIT_S = 2;
/** Each check for other processes on the GPUs is one more nvidia-smi process: seconds apart is enough. */
const APPS_INTERVAL_S = 5;
/** A line longer than this is not nvidia-smi CSV; drop it rather than buffer without bound. */
const MAX_LINE = 4096;

const nowS = () => performance.now() / 1000;
const VISIBILITY_VARS = ['CUDA_VISIBLE_DEVICES', 'NVIDIA_VISIBLE_DEVICES', 'CUDA_DEVICE_ORDER'] as const;

/**
 * GPU energy from one `nvidia-smi -lms` process per session, killed at stop(), over the GPUs the
 * benchmark can use (`selection`, from `env`; a benchmark's own config env may choose others).
 */
export function createNvidiaMeter(opts: NvidiaMeterOptions): GpuMeter & { selection: VisibleGpus } {
  const env = pick(opts.env ?? {});
  const migParents = opts.migParents ?? new Map<string, string>();
  const selection = visibleGpus(opts.gpus, env, migParents);
  const settings: Settings = {
    binary: opts.binary ?? resolveNvidiaSmi() ?? 'nvidia-smi',
    intervalS: opts.intervalS ?? DEFAULT_GPU_INTERVAL_S,
    firstSampleWaitS: opts.firstSampleWaitS ?? FIRST_SAMPLE_WAIT_S,
    appsIntervalS: opts.appsIntervalS ?? APPS_INTERVAL_S,
  };
  const sessionGpus = (ctx: SessionContext | undefined): { gpus: NvidiaGpu[]; notes: string[] } => {
    const own = pick(ctx?.env ?? {});
    if (Object.keys(own).length === 0) return { gpus: selection.metered, notes: [] };
    const mine = { ...env, ...own };
    const sel = visibleGpus(opts.gpus, mine, migParents);
    const indices = (gs: NvidiaGpu[]) => gs.map((g) => g.index).join();
    const which = sel.metered.length ? sel.metered.map((g) => `GPU ${g.index}`).join(', ') : 'no GPU';
    const differs = indices(sel.metered) !== indices(selection.metered);
    return {
      gpus: sel.metered,
      notes: [
        ...sel.warnings,
        ...(differs ? [`metered ${which} for this benchmark (${visibilitySetting(mine)})`] : []),
      ],
    };
  };
  return {
    selection,
    describe: () => describeNvidia(selection, settings.intervalS),
    start: (ctx) => {
      const { gpus, notes } = sessionGpus(ctx);
      return gpus.length ? startSession(settings, gpus, notes, ctx?.benchmark) : emptySession(notes);
    },
  };
}

type Settings = Required<Omit<NvidiaMeterOptions, 'gpus' | 'env' | 'migParents'>>;

/** The variables that decide which GPUs a process sees, and only those. */
function pick(env: VisibilityEnv): VisibilityEnv {
  const out: VisibilityEnv = {};
  for (const k of VISIBILITY_VARS) if (env[k] !== undefined) out[k] = env[k];
  return out;
}

/** No GPU the benchmark can use: nothing to run, 0 J, and the session's notes. */
function emptySession(notes: string[]): MeterSession {
  const startS = nowS();
  return {
    track() {},
    stop: () => Promise.resolve(new GpuEnergyIntegrator([], true).result(startS, nowS(), 1, notes)),
  };
}

function startSession(
  { binary, intervalS, firstSampleWaitS, appsIntervalS }: Settings,
  gpus: NvidiaGpu[],
  sessionNotes: string[],
  benchmark: string | undefined,
): MeterSession {
  const startS = nowS();
  const acc = new GpuEnergyIntegrator(gpus, true);
  const notes: string[] = [...sessionNotes];
  const apps = new ForeignAppWatch({ binary, gpus, everyS: appsIntervalS });
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
    // nvidia-smi reports whole boards: there is no per-process GPU energy to attribute, but other
    // processes on the metered boards are looked for, from the benchmark's root pid.
    track(pid) {
      apps.start(pid);
    },
    async stop() {
      const endS = nowS();
      stopped = true;
      process.removeListener('exit', onProcessExit);
      if (ended) notes.unshift(earlyExitNote(ended, startS, endS, stderr));
      const foreign = apps.stop(benchmark);
      if (child && !ended) {
        if (acc.sampleCount === 0) await within(firstSampleWaitS * 1000, Promise.race([sampled, gone]));
        await terminate(child, gone);
      }
      const other = await foreign;
      const m = acc.result(startS, endS, intervalS, [...notes, ...other.notes]);
      return other.warnings.length ? { ...m, warnings: other.warnings } : m;
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
