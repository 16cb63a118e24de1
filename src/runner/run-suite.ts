import { SUITE_LIMITS } from '../config/limits.js';
import type { Measurement, Meter, TrackAttach } from '../meter/types.js';
import { capSampleMetrics, reportedBackend, sampleMetricsCap } from './metrics-file.js';
import type { BenchmarkRun, BenchmarkSpec, CommandResult, SampleRun } from './types.js';

export interface SuiteDeps {
  meter: Meter;
  /** Runs one command; calls onPid as soon as the process exists, with its task markers and process record. */
  spawnBenchmark(
    spec: BenchmarkSpec,
    onPid: (pid: number, attach?: TrackAttach) => void,
  ): Promise<CommandResult>;
  progress(message: string): void;
  /** True once the user interrupted: the benchmarks not yet run are reported as not run. */
  interrupted?(): boolean;
}

/** Runs every benchmark in order: warmups unmetered, then metered repeats. One failure stops that benchmark only. */
export async function runSuite(specs: readonly BenchmarkSpec[], deps: SuiteDeps): Promise<BenchmarkRun[]> {
  const runs: BenchmarkRun[] = [];
  // What one sample may report: the suite's metrics budget shared by its metered repeats (metrics-file.ts).
  const metricsCap = sampleMetricsCap(specs.reduce((n, s) => n + s.repeat, 0));
  for (const [i, spec] of specs.entries()) {
    if (deps.interrupted?.()) {
      runs.push({ spec, status: 'error', reason: 'not run: interrupted', samples: [] });
      continue;
    }
    const where = `[${i + 1}/${specs.length}] ${spec.name}`;
    runs.push(await runBenchmark(spec, where, deps, metricsCap));
  }
  return runs;
}

async function runBenchmark(
  spec: BenchmarkSpec,
  where: string,
  deps: SuiteDeps,
  metricsCap: number,
): Promise<BenchmarkRun> {
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
    const sample = await meteredRepeat(spec, r, deps, metricsCap);
    samples.push(sample);
    const command = sample.command;
    if (!command.ok) {
      return { spec, status: 'error', reason: `repeat ${r}/${spec.repeat}: ${command.reason}`, samples };
    }
  }
  return { spec, status: 'ok', samples };
}

/**
 * Runs and meters one repeat (also used by the interleaved A/B runner, src/gate/ab-run.ts). `metricsCap`:
 * the bytes its metrics and layers may take in the report; by default the share of the largest suite the
 * config accepts, which keeps any report within bounds (runSuite passes its own suite's, often more).
 */
export async function meteredRepeat(
  spec: BenchmarkSpec,
  repeat: number,
  deps: Pick<SuiteDeps, 'meter' | 'spawnBenchmark'>,
  metricsCap = sampleMetricsCap(SUITE_LIMITS.suiteRepeats),
): Promise<SampleRun> {
  const session = deps.meter.start({ benchmark: spec.name, env: spec.env });
  const ran = await deps.spawnBenchmark(spec, (pid, attach) => session.track(pid, attach));
  const measurement = await session.stop();
  const command = ran.reported ? { ...ran, reported: capSampleMetrics(ran.reported, metricsCap) } : ran;
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
