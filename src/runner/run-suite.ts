import type { Measurement, Meter } from '../meter/types.js';
import { reportedBackend } from './metrics-file.js';
import type { BenchmarkRun, BenchmarkSpec, CommandResult, SampleRun } from './types.js';

export interface SuiteDeps {
  meter: Meter;
  /** Runs one command; calls onPid as soon as the process exists. */
  spawnBenchmark(spec: BenchmarkSpec, onPid: (pid: number) => void): Promise<CommandResult>;
  progress(message: string): void;
  /** True once the user interrupted: the benchmarks not yet run are reported as not run. */
  interrupted?(): boolean;
}

/** Runs every benchmark in order: warmups unmetered, then metered repeats. One failure stops that benchmark only. */
export async function runSuite(specs: readonly BenchmarkSpec[], deps: SuiteDeps): Promise<BenchmarkRun[]> {
  const runs: BenchmarkRun[] = [];
  for (const [i, spec] of specs.entries()) {
    if (deps.interrupted?.()) {
      runs.push({ spec, status: 'error', reason: 'not run: interrupted', samples: [] });
      continue;
    }
    const where = `[${i + 1}/${specs.length}] ${spec.name}`;
    runs.push(await runBenchmark(spec, where, deps));
  }
  return runs;
}

async function runBenchmark(spec: BenchmarkSpec, where: string, deps: SuiteDeps): Promise<BenchmarkRun> {
  for (let w = 1; w <= spec.warmup; w++) {
    if (deps.interrupted?.()) return { spec, status: 'error', reason: 'not run: interrupted', samples: [] };
    deps.progress(`${where}: warmup ${w}/${spec.warmup}`);
    const result = await deps.spawnBenchmark(spec, () => {});
    if (!result.ok) {
      return { spec, status: 'error', reason: `warmup ${w}/${spec.warmup}: ${result.reason}`, samples: [] };
    }
  }
  const samples: SampleRun[] = [];
  for (let r = 1; r <= spec.repeat; r++) {
    // A signal between repeats stops here too, not only between benchmarks: the repeats so far are kept.
    if (deps.interrupted?.())
      return { spec, status: 'error', reason: `interrupted before repeat ${r}/${spec.repeat}`, samples };
    deps.progress(`${where}: repeat ${r}/${spec.repeat}`);
    const sample = await meteredRepeat(spec, r, deps);
    samples.push(sample);
    const command = sample.command;
    if (!command.ok) {
      return { spec, status: 'error', reason: `repeat ${r}/${spec.repeat}: ${command.reason}`, samples };
    }
  }
  return { spec, status: 'ok', samples };
}

/** Runs and meters one repeat (also used by the interleaved A/B runner, src/gate/ab-run.ts). */
export async function meteredRepeat(
  spec: BenchmarkSpec,
  repeat: number,
  deps: Pick<SuiteDeps, 'meter' | 'spawnBenchmark'>,
): Promise<SampleRun> {
  const session = deps.meter.start();
  const command = await deps.spawnBenchmark(spec, (pid) => session.track(pid));
  const measurement = await session.stop();
  return sampleRun(repeat, command, measurement);
}

/** One metered repeat, with what the benchmark reported lifted out of the command result. */
function sampleRun(repeat: number, command: CommandResult, measurement: Measurement): SampleRun {
  const reported = command.reported;
  const notes = [...(command.notes ?? []), ...(reported?.problems ?? [])];
  const sample: SampleRun = {
    repeat,
    command,
    measurement: notes.length ? { ...measurement, notes: [...measurement.notes, ...notes] } : measurement,
  };
  if (!reported) return sample;
  if (Object.keys(reported.metrics).length) sample.metrics = reported.metrics;
  if (reported.layers) sample.layers = reported.layers;
  const backend = reportedBackend(reported.metrics);
  if (backend) sample.backend = backend;
  return sample;
}
