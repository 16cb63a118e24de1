import path from 'node:path';
import type { Config } from '../config/schema.js';
import { GATED_REPEAT, resolveBudget } from '../gate/resolve-budget.js';
import { resolveTfjsArgs, tfjsCommand, tfjsUnit } from '../tfjs/command.js';
import { tfjsRunnerPath } from '../tfjs/runner-path.js';
import type { BenchmarkSpec } from './types.js';

export interface SpecOptions {
  /** The TF.js runner script and the Node that runs it; defaults: the bundled runner, this Node. */
  tfjsRunner?: string;
  node?: string;
  /** A baseline was asked for: every benchmark is gated, so repeats default to GATED_REPEAT. */
  gated?: boolean;
}

/**
 * Benchmarks from a validated config: commands run in the config file's directory unless `cwd` says otherwise.
 * A `tfjs` benchmark becomes the command that runs the bundled TF.js runner, with its functional unit.
 */
export function specsFromConfig(config: Config, configDir: string, opts: SpecOptions = {}): BenchmarkSpec[] {
  return config.benchmarks.map((b) => {
    const tfjs = b.tfjs ? resolveTfjsArgs(b.tfjs, configDir) : undefined;
    const run = tfjs
      ? tfjsCommand(tfjs, opts.tfjsRunner ?? tfjsRunnerPath(), opts.node ?? process.execPath)
      : b.run;
    // The schema guarantees run or tfjs; this keeps the type honest without a cast.
    if (run === undefined) throw new Error(`benchmark ${b.name}: neither run nor tfjs`);
    const unit = b.unit ?? (tfjs ? tfjsUnit(tfjs) : undefined);
    const quality = b.quality ?? config.quality;
    return {
      name: b.name,
      kind: b.kind,
      run,
      cwd: path.resolve(configDir, b.cwd ?? '.'),
      env: b.env ?? {},
      repeat: b.repeat ?? (opts.gated || resolveBudget(config.budget, b.budget) ? GATED_REPEAT : 1),
      warmup: b.warmup,
      timeoutS: b.timeoutS,
      ...(unit ? { unit } : {}),
      ...(quality ? { quality } : {}),
      ...(tfjs ? { tfjs } : {}),
    };
  });
}
