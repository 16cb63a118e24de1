import type { TfjsArgs } from '../command.js';
import type { CostTable } from '../cost/cost-table.js';
import type { Dataset } from '../data/dataset.js';
import { CarbonGateError } from '../../errors/carbon-gate-error.js';

export type Metrics = Record<string, number | string>;

/** What every task gets: the arguments, the drawn examples split in two, a seed stream, a log, a window. */
export interface TaskContext {
  args: TfjsArgs;
  train: Dataset;
  test: Dataset;
  seed: () => number;
  log: (line: string) => void;
  /** Runs the work that matters (fit, predict) as a task window: metered apart from start-up. */
  window: <T>(work: () => Promise<T>) => Promise<T>;
  /** A forward pass on one batch before the training window (the variance study's variant; default off). */
  warmUp?: boolean;
}

export interface TaskResult {
  metrics: Metrics;
  /** Per-layer parameters and MACs (per example, forward pass). */
  cost?: CostTable;
}

/** A problem with the benchmark's own inputs (exit 2): bad shapes, missing labels, unreadable files. */
export class BenchmarkInputError extends CarbonGateError {
  override readonly name = 'BenchmarkInputError';
}
