import type { Writable } from 'node:stream';
import type { IntensitySource } from '../carbon/intensity-source.js';
import type { Config } from '../config/schema.js';
import type { Gated } from '../gate/apply.js';
import type { BaselineData } from '../gate/baseline.js';
import type { Report } from '../report/types.js';
import type { BenchmarkSelection } from '../runner/shard.js';
import type { BenchEnvPolicy } from './bench-env.js';

/** What to run: the benchmarks of a config file, or one command metered like time(1). */
/**
 * A config's suite, or one command (`meter -- CMD`); a command may take its carbon settings (region, PUE,
 * intensity, embodied, meter interval, power profile) from a config, `config` being its path.
 */
export type Suite = ConfigSuite | { kind: 'command'; argv: string[]; cwd: string; config?: ConfigSuite };

export interface ConfigSuite {
  kind: 'config';
  /** Path of the config file. */
  path: string;
  /** How the report names it (a relative path, or "built-in demo suite"). */
  label: string;
}

/**
 * Where the regression check's baseline comes from. `history` is gated (5 repeats by default) even when the
 * data branch has no record yet: a push records its samples for the next PR.
 */
export type BaselineChoice =
  | { kind: 'none' }
  | { kind: 'file'; path: string }
  | { kind: 'history'; data: BaselineData | null }
  | { kind: 'ab'; ref: string };

/**
 * Plain data: what a user chose on the command line or in the Action's inputs, translated by the adapter.
 * Each key beats the config's value; absent keys leave the config (or the built-in default) in charge.
 */
export interface EngineOverrides {
  region?: string;
  pue?: number;
  /** A fixed grid intensity in g/kWh: beats tables and live providers. */
  intensity?: number;
  intensitySource?: IntensitySource;
  credentials?: { electricityMapsToken?: string; wattTimeUsername?: string; wattTimePassword?: string };
  baseline?: BaselineChoice;
  /** Who runs the benchmarks: the Action withholds its own token, inputs and command files too. */
  benchEnv: BenchEnvPolicy;
  /** Run the benchmarks as this unprivileged user (the Action's benchmark-user; needs root). */
  benchmarkUser?: BenchmarkUser;
  /** Lines for the report's notices (e.g. "ran the built-in demo suite"). */
  notices?: string[];
  /**
   * A matrix job's part of the suite (src/runner/shard.ts); `label` names the flag or input in errors
   * ("--only", "input benchmarks"). The report records the shard.
   */
  select?: BenchmarkSelection & { label: string };
  /** The commit measured, recorded in the report (merge refuses shards of different commits). */
  commit?: Report['commit'];
}

/** A local user the benchmarks run as: ids for spawn, name and home for their environment. */
export interface BenchmarkUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** Where the engine's output goes; the adapters choose (stderr for the CLI, the job log for the Action). */
export interface EngineSinks {
  benchOutput: Writable;
  /** The prefix of each benchmark output line; default "[name] ". */
  prefix?: (benchmark: string) => string;
  /** Per-repeat progress ("head repeat 1/5 …"). */
  progress(message: string): void;
  /** How the machine is metered (once per run). */
  note(message: string): void;
  /** Fallbacks worth a warning (a live grid provider that failed, a credential not set). */
  warn(message: string): void;
}

export interface EngineRequest {
  suite: Suite;
  overrides: EngineOverrides;
  sinks: EngineSinks;
}

export type GatedReport = Gated<Report>;

export interface EngineResult {
  report: GatedReport;
  /** The validated config (absent for a metered command). */
  config?: Config;
}
