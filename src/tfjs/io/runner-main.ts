import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TFJS_MODELS, type TfjsModelName } from '../../config/tfjs-schema.js';
import { METRICS_ENV } from '../../runner/metrics-file.js';
import { parseRunnerArgs } from '../args.js';
import { chooseBackend } from '../backend/choose.js';
import type { TfjsArgs } from '../command.js';
import { drawSplit, seedStream, take, type Dataset } from '../data/dataset.js';
import { mnistDataset } from '../mnist/to-dataset.js';
import { runBuiltIn, runUserModel } from '../run-task.js';
import { SMOKE_ENV, smokeSized } from '../smoke.js';
import { summaryLine } from '../summary.js';
import { BenchmarkInputError, type TaskResult } from '../tasks/types.js';
import * as tf from '../tf.js';
import { probeBackend } from './backends.js';
import { loadMnist } from './mnist-file.js';
import { loadUserData } from './user-data-file.js';
import { inTaskWindow } from './task-window.js';
import { loadUserModel } from './user-model.js';

const WARMUP_ENV = 'CARBON_GATE_TFJS_WARMUP';
const log = (line: string) => process.stderr.write(`carbon-gate tfjs: ${line}\n`);
const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

/** Writes the metrics file carbon-gate named in the environment (nothing when run by hand). */
function report(payload: object): void {
  const file = process.env[METRICS_ENV];
  if (file) writeFileSync(file, JSON.stringify(payload) + '\n');
}

function fail(code: number, message: string): number {
  log(`error: ${message}`);
  report({ error: message });
  return code;
}

/**
 * The TF.js runner child: one benchmark per process, so the meter sees exactly it. Exit 0 with the
 * metrics file written; 2 for a problem with the benchmark's inputs (arguments, backend, files,
 * shapes), 1 for anything else. Either way the file carries the one-line reason.
 */
export async function main(argv: string[]): Promise<number> {
  const parsed = parseRunnerArgs(argv);
  if (!parsed.ok) return fail(2, parsed.message);
  const smoke = process.env[SMOKE_ENV] === '1';
  const args = smoke ? smokeSized(parsed.args) : parsed.args;
  if (smoke)
    log(`${SMOKE_ENV}=1: toy size (samples ${args.samples}, epochs 1): the figures say nothing of the cost`);
  try {
    tf.enableProdMode();
    const choice = await chooseBackend(args.backend, (b) => probeBackend(b, process.cwd()));
    if (!choice.ok) return fail(2, choice.message);
    log(`backend ${choice.backend}${choice.skipped.length ? ` (${choice.skipped.join('; ')})` : ''}`);
    const [started, cpuBefore] = [performance.now(), process.cpuUsage()];
    const result = await run(args);
    const taskS = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const metrics = {
      model: TFJS_MODELS.includes(args.model as TfjsModelName) ? args.model : path.basename(args.model),
      task: args.task,
      backend: choice.backend,
      dataset: args.dataset === 'mnist' ? 'mnist' : path.basename(args.dataset),
      ...result.metrics,
      ...(result.cost ? { params: result.cost.params, macs: result.cost.macs } : {}),
      ...(result.cost?.uncounted.length ? { uncountedLayers: result.cost.uncounted.join(', ') } : {}),
      // The task alone (data, model, work), without Node and TF.js start-up; CPU time is immune to other load.
      taskS: Number(taskS.toFixed(2)),
      taskCpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    };
    // Every layer in model order (at most MAX_LAYERS), so that a baseline's can be compared layer by layer.
    const layers = result.cost?.layers ?? [];
    report({ ...metrics, layers });
    process.stdout.write(summaryLine(metrics, layers) + '\n');
    return 0;
  } catch (e) {
    return fail(e instanceof BenchmarkInputError ? 2 : 1, firstLine(e));
  }
}

async function run(args: TfjsArgs): Promise<TaskResult> {
  const data = args.dataset === 'mnist' ? mnistDataset(loadMnist()) : loadUserData(args.dataset);
  const split = drawSplit(data.n, args.samples, args.testSplit, args.seed);
  const all: Dataset = take(data, [...split.train, ...split.test]);
  const ctx = {
    args,
    train: take(data, split.train),
    test: take(data, split.test),
    seed: seedStream(args.seed),
    log,
    window: inTaskWindow,
    // The variance study's switch (scripts/study-mlp-variance.ts, docs/tfjs-suite.md): read here, at the edge.
    warmUp: process.env[WARMUP_ENV] === '1',
  };
  if (args.samples > data.n) log(`the data has ${data.n} examples: all used (samples: ${args.samples})`);
  if (TFJS_MODELS.includes(args.model as TfjsModelName))
    return runBuiltIn(args.model as TfjsModelName, ctx, all);
  return runUserModel(await loadUserModel(args.model), ctx, all);
}
