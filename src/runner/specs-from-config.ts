import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { BenchmarkSpec } from './types.js';

/** Benchmarks from a validated config: commands run in the config file's directory unless `cwd` says otherwise. */
export function specsFromConfig(config: Config, configDir: string): BenchmarkSpec[] {
  return config.benchmarks.map((b) => ({
    name: b.name,
    kind: b.kind,
    run: b.run,
    cwd: path.resolve(configDir, b.cwd ?? '.'),
    env: b.env ?? {},
    repeat: b.repeat,
    warmup: b.warmup,
    timeoutS: b.timeoutS,
  }));
}
