import type { Measurement } from '../meter/types.js';

/** A benchmark ready to run: paths resolved, durations in seconds. */
export interface BenchmarkSpec {
  name: string;
  kind: 'training' | 'inference' | 'other';
  run: string;
  cwd: string;
  env: Record<string, string>;
  repeat: number;
  warmup: number;
  timeoutS: number;
}

export interface CommandResult {
  ok: boolean;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Why it failed, in words; absent when ok. */
  reason?: string;
  durationS: number;
}

export interface SampleRun {
  repeat: number;
  command: CommandResult;
  measurement: Measurement;
}

export interface BenchmarkRun {
  spec: BenchmarkSpec;
  status: 'ok' | 'error';
  reason?: string;
  samples: SampleRun[];
}
