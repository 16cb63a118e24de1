import path from 'node:path';
import type { Config } from '../config/schema.js';
import { SUITE_LIMITS } from '../config/limits.js';
import { DEFAULT_MAX_REPEAT } from '../gate/adaptive.js';
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
  /** The baseline is paired A/B: adaptive pairs, `maxRepeat` defaulting to DEFAULT_MAX_REPEAT. */
  ab?: boolean;
}

/**
 * Benchmarks from a validated config: commands run in the config file's directory unless `cwd` says otherwise.
 * A `tfjs` benchmark becomes the command that runs the bundled TF.js runner, with its functional unit.
 */
export function specsFromConfig(config: Config, configDir: string, opts: SpecOptions = {}): BenchmarkSpec[] {
  const defaultMax = opts.ab ? defaultMaxRepeat(config, opts) : undefined;
  return config.benchmarks.map((b) => {
    const tfjs = b.tfjs ? resolveTfjsArgs(b.tfjs, configDir) : undefined;
    const run = tfjs
      ? tfjsCommand(tfjs, opts.tfjsRunner ?? tfjsRunnerPath(), opts.node ?? process.execPath)
      : b.run;
    // The schema guarantees run or tfjs; this keeps the type honest without a cast.
    if (run === undefined) throw new Error(`benchmark ${b.name}: neither run nor tfjs`);
    const unit = b.unit ?? (tfjs ? tfjsUnit(tfjs) : undefined);
    const quality = b.quality ?? config.quality;
    const repeat = repeatOf(config, b, opts);
    // Adaptive pairs are A/B only; the schema keeps a set maxRepeat ≥ repeat, the default may be below it.
    const maxRepeat = opts.ab ? Math.max(repeat, b.maxRepeat ?? defaultMax ?? repeat) : undefined;
    return {
      name: b.name,
      kind: b.kind,
      run,
      cwd: path.resolve(configDir, b.cwd ?? '.'),
      env: b.env ?? {},
      repeat,
      ...(maxRepeat !== undefined && maxRepeat > repeat ? { maxRepeat } : {}),
      ...(opts.ab && b.maxTimeS !== undefined ? { maxTimeS: b.maxTimeS } : {}),
      warmup: b.warmup,
      timeoutS: b.timeoutS,
      ...(unit ? { unit } : {}),
      ...(quality ? { quality } : {}),
      ...(tfjs ? { tfjs } : {}),
    };
  });
}

function repeatOf(config: Config, b: Config['benchmarks'][number], opts: SpecOptions): number {
  return b.repeat ?? (opts.gated || resolveBudget(config.budget, b.budget) ? GATED_REPEAT : 1);
}

/**
 * DEFAULT_MAX_REPEAT, unless that many pairs for every benchmark without its own maxRepeat would take the
 * suite past SUITE_LIMITS.suiteRepeats samples (the report's and the history record's byte caps assume at
 * most that many, and the schema checks only what is written down): then those benchmarks run their
 * `repeat` pairs, as without adaptive pairs.
 */
function defaultMaxRepeat(config: Config, opts: SpecOptions): number | undefined {
  const total = config.benchmarks.reduce(
    (sum, b) => sum + Math.max(repeatOf(config, b, opts), b.maxRepeat ?? DEFAULT_MAX_REPEAT),
    0,
  );
  return total <= SUITE_LIMITS.suiteRepeats ? DEFAULT_MAX_REPEAT : undefined;
}
