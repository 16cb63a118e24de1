import type { FunctionalUnit } from '../carbon/functional-unit.js';
import type { Adaptive } from '../gate/types.js';
import type { Measurement } from '../meter/types.js';
import type { TfjsArgs } from '../tfjs/command.js';
import type { LayerCost, MetricValue, ReportedMetrics } from './metrics-file.js';

/** A benchmark ready to run: paths resolved, durations in seconds. */
export interface BenchmarkSpec {
  name: string;
  kind: 'training' | 'inference' | 'other';
  run: string;
  cwd: string;
  env: Record<string, string>;
  repeat: number;
  /**
   * A/B only (adaptive pairs): pairs may be added, beyond `repeat`, while the interval straddles a tier, up
   * to this many pairs and (when set) this many seconds of that benchmark's pairs. Absent: exactly `repeat`.
   */
  maxRepeat?: number;
  maxTimeS?: number;
  warmup: number;
  timeoutS: number;
  /** Functional unit (SCI R): what one run performs, for per-unit figures. */
  unit?: FunctionalUnit;
  /** The reported metric that counts as quality (config `quality`; default accuracy). */
  quality?: string;
  /** A `tfjs` benchmark: what `run` hands the TF.js runner (model, task, sizes, seed). */
  tfjs?: TfjsArgs;
}

export interface CommandResult {
  ok: boolean;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Why it failed, in words; absent when ok. */
  reason?: string;
  durationS: number;
  /** What the benchmark wrote to $CARBON_GATE_METRICS_FILE, if anything. */
  reported?: ReportedMetrics;
  /** What carbon-gate had to do about the run (processes it left running ended, output cut off). */
  notes?: string[];
}

export interface SampleRun {
  repeat: number;
  command: CommandResult;
  measurement: Measurement;
  /** The benchmark's own figures (accuracy, loss, samples, epochs, params, macs…), from its metrics file. */
  metrics?: Record<string, MetricValue>;
  /** TF.js benchmarks: the layers that cost the most MACs, most expensive first. */
  layers?: LayerCost[];
  /** TF.js benchmarks: the backend that ran them. */
  backend?: 'tensorflow' | 'wasm' | 'cpu';
}

export interface BenchmarkRun {
  spec: BenchmarkSpec;
  status: 'ok' | 'error';
  reason?: string;
  samples: SampleRun[];
  /** A/B with adaptive pairs: how many pairs ran and why they stopped. */
  adaptive?: Adaptive;
}
