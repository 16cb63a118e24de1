import path from 'node:path';
import { shellQuote } from '../runner/shell-quote.js';
import { MNIST_DIGITS, TFJS_MODELS, type TfjsConfig } from '../config/tfjs-schema.js';
import type { FunctionalUnit } from '../carbon/functional-unit.js';
import { splitSizes } from './data/split-sizes.js';

/** What the runner child receives: the config's `tfjs` with its paths made absolute. */
export type TfjsArgs = TfjsConfig;

/** Model and data paths are relative to the config file, like `cwd`, so a config reads the same from anywhere. */
export function resolveTfjsArgs(tfjs: TfjsConfig, configDir: string): TfjsArgs {
  const builtIn = (TFJS_MODELS as readonly string[]).includes(tfjs.model);
  return {
    ...tfjs,
    model: builtIn ? tfjs.model : path.resolve(configDir, tfjs.model),
    dataset: tfjs.dataset === 'mnist' ? tfjs.dataset : path.resolve(configDir, tfjs.dataset),
  };
}

/** The shell command that runs one TF.js benchmark: the bundled runner under the same Node as carbon-gate. */
export function tfjsCommand(args: TfjsArgs, runnerPath: string, nodePath: string): string {
  return shellQuote([nodePath, runnerPath, JSON.stringify(args)]);
}

/**
 * The functional unit one run performs, so the report gives energy per epoch or per 1,000 inferences.
 * Training counts epochs; inference counts the examples predicted (knn and fourier: the held-out ones).
 * A user data file's size is unknown here: its unit is left to the config's `unit`.
 */
export function tfjsUnit(args: TfjsArgs): FunctionalUnit | undefined {
  if (args.task === 'train') return { name: 'epoch', count: args.epochs };
  if (args.dataset !== 'mnist') return undefined;
  const samples = Math.min(args.samples, MNIST_DIGITS);
  if (args.model === 'knn') return { name: 'inference', count: splitSizes(samples, args.testSplit).test };
  if (args.model === 'fourier') return { name: 'sample', count: splitSizes(samples, args.testSplit).test };
  return { name: 'inference', count: samples };
}
