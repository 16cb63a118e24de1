/**
 * Shared by bench-gate-aa.ts and bench-gate-power.ts: real paired runs of a workload (a CPU-bound loop or
 * the reference suite's TF.js MLP) through the A/B runner with the real meter (what `run --ab` does), and
 * gates resampled from them with the gate's own statistics.
 */
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DEFAULT_INTERVAL_S } from '../../src/meter/defaults.js';
import { selectMeter } from '../../src/meter/io/select-meter.js';
import { spawnCommand } from '../../src/runner/io/spawn-command.js';
import { meteredRepeat } from '../../src/runner/run-suite.js';
import { runAb } from '../../src/gate/ab-run.js';
import type { BenchmarkSpec, SampleRun } from '../../src/runner/types.js';
import { checkRegression, compare } from '../../src/gate/regression.js';
import { median } from '../../src/stats/median.js';
import { mulberry32 } from '../../src/stats/prng.js';
import { GATED_REPEAT } from '../../src/gate/resolve-budget.js';
import type { GateMetric, Tier } from '../../src/gate/types.js';
import { adaptiveGate } from '../../src/gate/adaptive.js';
import type { TrackAttach } from '../../src/meter/types.js';
import { TfjsSchema } from '../../src/config/tfjs-schema.js';
import { resolveTfjsArgs, tfjsCommand } from '../../src/tfjs/command.js';
import { tfjsRunnerPath } from '../../src/tfjs/runner-path.js';
import { fixed, percentFixed } from '../../src/text/format-number.js';

const WORKLOAD = fileURLToPath(new URL('./gate-workload.mjs', import.meta.url));
const sink = new Writable({ write: (_c, _e, cb) => cb() });

/**
 * What the evidence runs, scaled by `amount`:
 * - `loop` (default): WORK × 1e7 integer steps (gate-workload.mjs); 100 is ~4.6 s of one core on the 2-core
 *   EPYC VM, the length of a short ML benchmark (the reference suite's run 3–20 s). `--work 6` (~0.44 s,
 *   a third of it start-up) shows how short, start-up-dominated benchmarks fare.
 * - `mlp`: the reference suite's MLP training (TF.js, 2 epochs) on `amount` MNIST digits: a real ML
 *   workload whose work grows with its data; TF.js start-up and data loading stay fixed. Runs the built
 *   dist/tfjs-runner.js: `npm run build` first.
 */
export type WorkloadKind = 'loop' | 'mlp';
export const DEFAULT_AMOUNT: Record<WorkloadKind, number> = { loop: 100, mlp: 3000 };

function spec(kind: WorkloadKind, amount: number): BenchmarkSpec {
  const common = { name: 'work', kind: 'other' as const, cwd: process.cwd(), repeat: 1, warmup: 0 };
  if (kind === 'loop') {
    const run = `node ${JSON.stringify(WORKLOAD)}`;
    // MARK=1: the loop is a task window; the whole run's figures are what they were without it.
    return { ...common, run, env: { WORK: String(amount), MARK: '1' }, timeoutS: 300 };
  }
  const tfjs = TfjsSchema.parse({
    model: 'mlp',
    task: 'train',
    samples: Math.round(amount),
    epochs: 2,
    seed: 42,
  });
  const run = tfjsCommand(resolveTfjsArgs(tfjs, process.cwd()), tfjsRunnerPath(), process.execPath);
  return { ...common, run, env: {}, timeoutS: 600 };
}

/**
 * The figures the evidence can judge, each a gate metric: energy of the whole run (the default), duration,
 * task (energy of the marked window: the loop and the TF.js runner mark theirs), attributed (the benchmark's
 * share of the whole run's energy) and task-attributed (its share of the window's).
 */
export const EVIDENCE_METRICS = ['energy', 'duration', 'task', 'attributed', 'task-attributed'] as const;
export type EvidenceMetric = (typeof EVIDENCE_METRICS)[number];

export interface Pairs {
  /** Each metric's figure per run, base and head side, in pair order. */
  base: Record<EvidenceMetric, number[]>;
  head: Record<EvidenceMetric, number[]>;
  /** Base runs' metered durations and process-tree CPU time, s. */
  baseS: number[];
  baseCpuS: number[];
  /** Per base run: the share of the machine's CPU other processes kept busy. */
  foreignLoad: number[];
  meter: string;
}

async function meterDeps() {
  const { meter } = await selectMeter({ intervalS: DEFAULT_INTERVAL_S });
  return {
    meter,
    spawnBenchmark: (s: BenchmarkSpec, onPid: (p: number, attach?: TrackAttach) => void) =>
      spawnCommand(s, { output: sink, onPid }),
  };
}

/**
 * `pairs` paired base/head runs through the A/B runner itself (src/gate/ab-run.ts, what `run --ab` and the
 * Action's `baseline: ab` use): one warmup each, then pairs in alternating order.
 */
export async function measurePairs(
  kind: WorkloadKind,
  baseAmount: number,
  headAmount: number,
  pairs: number,
): Promise<Pairs> {
  const deps = await meterDeps();
  const side = (amount: number): BenchmarkSpec => ({ ...spec(kind, amount), repeat: pairs, warmup: 1 });
  const runs = await runAb([side(headAmount)], [side(baseAmount)], {
    ...deps,
    spawnBaseBenchmark: deps.spawnBenchmark,
    progress: () => {},
  });
  const [head, base] = [runs.head[0]!, runs.base[0]!];
  if (head.status !== 'ok' || base.status !== 'ok') throw new Error(head.reason ?? base.reason);
  return {
    base: figures(base.samples),
    head: figures(head.samples),
    baseS: base.samples.map((s) => s.measurement.durationS),
    baseCpuS: base.samples.map((s) => s.measurement.processCpuS),
    foreignLoad: base.samples.map((s) => s.measurement.utilisation * (1 - s.measurement.processShare)),
    meter: deps.meter.describe().cpu,
  };
}

/** Each evidence metric of the runs; a run without a window (or attribution) fails loudly: no silent mix. */
function figures(samples: readonly SampleRun[]): Record<EvidenceMetric, number[]> {
  const m = samples.map((s) => s.measurement);
  const need = (x: number | undefined, what: string) => {
    if (x === undefined)
      throw new Error(`a run has no ${what}: ${m.find((y) => y.warnings)?.warnings?.[0] ?? ''}`);
    return x;
  };
  return {
    energy: m.map((x) => x.energyJ),
    duration: m.map((x) => x.durationS),
    task: m.map((x) => need(x.task?.energyJ, 'task window')),
    attributed: m.map((x) => need(x.attributedJ, 'attributed energy')),
    'task-attributed': m.map((x) => need(x.task?.attributedJ, 'attributed task energy')),
  };
}

/**
 * The metered window holds more than the work: `sh`, Node's start-up and the meter's start and stop.
 * Measured with no work at all, it bounds what +x % of work can show: at most +x % × (1 − share).
 */
export async function fixedCostS(runs = 5): Promise<number> {
  const deps = await meterDeps();
  const zero = spec('loop', 0);
  await spawnCommand(zero, { output: sink });
  const s: number[] = [];
  for (let i = 1; i <= runs; i++) s.push((await meteredRepeat(zero, i, deps)).measurement.durationS);
  return median(s)!;
}

/** The sample nearest the `f` quantile (no interpolation: every figure printed is a measured one). */
function nearestRank(xs: readonly number[], f: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.round(f * (s.length - 1))]!;
}

const spread = (xs: readonly number[]) =>
  `${fixed(nearestRank(xs, 0.05), 2)}–${fixed(nearestRank(xs, 0.95), 2)} s`;

/**
 * Lines on the workload: its metered duration, for the loop the share of it that is fixed cost, and how
 * much identical base runs vary in duration and CPU time (5th–95th percentile).
 */
export function describeWorkload(
  kind: WorkloadKind,
  amount: number,
  p: Pairs,
  fixedS: number | null,
): string {
  const runS = median(p.baseS)!;
  const what = kind === 'loop' ? `loop WORK=${amount}` : `TF.js MLP training, ${amount} digits × 2 epochs`;
  const fixedCost =
    fixedS === null
      ? ''
      : `, of which ${fixed(fixedS, 2)} s (${pct(fixedS / runS)}) is start-up and metering with no work`;
  return [
    `workload ${what}: base run ${fixed(runS, 2)} s metered${fixedCost}`,
    `identical base runs, 5–95 %: duration ${spread(p.baseS)}, CPU time ${spread(p.baseCpuS)}`,
  ].join('\n');
}

/** Base and head samples of one metric. */
function sides(p: Pairs, metric: EvidenceMetric): { base: number[]; head: number[] } {
  return { base: p.base[metric], head: p.head[metric] };
}

/** The gate's own metric for an evidence metric (the window is a choice of samples, not a metric). */
const gateMetric = (m: EvidenceMetric): GateMetric =>
  m === 'duration' ? 'duration' : m.endsWith('attributed') ? 'attributed' : 'energy';

export interface GateRates {
  fail: number;
  warn: number;
  /** Passes whose verdict carries the note that the interval is wider than the limit, share of all gates. */
  flaggedPass: number;
}

/**
 * `gates` gates of GATED_REPEAT pairs drawn with replacement from measured pairs (paired) or of
 * GATED_REPEAT base and GATED_REPEAT head runs drawn apart (independent), judged on `tier`.
 */
export function resampledGates(
  pairs: Pairs,
  tier: Tier,
  gates: number,
  method: 'paired' | 'independent',
  seed = 1,
  metric: EvidenceMetric = 'energy',
): GateRates {
  const p = sides(pairs, metric);
  const rand = mulberry32(seed);
  const pick = () => Math.floor(rand() * p.base.length);
  let fail = 0;
  let warn = 0;
  let flaggedPass = 0;
  for (let g = 0; g < gates; g++) {
    const bi = Array.from({ length: GATED_REPEAT }, pick);
    const hi = method === 'paired' ? bi : Array.from({ length: GATED_REPEAT }, pick);
    const c = compare(
      gateMetric(metric),
      hi.map((i) => p.head[i]!),
      bi.map((i) => p.base[i]!),
      { source: method === 'paired' ? 'ab' : 'file', method },
    )!;
    const check = checkRegression(c, tier, GATED_REPEAT, GATED_REPEAT);
    if (check.status === 'fail') fail++;
    if (check.status === 'warn') warn++;
    if (check.status === 'pass' && check.reasons.length) flaggedPass++;
  }
  return { fail: fail / gates, warn: warn / gates, flaggedPass: flaggedPass / gates };
}

/** Consecutive, non-overlapping gates of GATED_REPEAT pairs, exactly as they ran (no resampling). */
export function consecutiveGates(
  pairs: Pairs,
  tier: Tier,
  metric: EvidenceMetric = 'energy',
): { gates: number; fails: number } {
  const p = sides(pairs, metric);
  let fails = 0;
  const gates = Math.floor(p.base.length / GATED_REPEAT);
  for (let g = 0; g < gates; g++) {
    const s = g * GATED_REPEAT;
    const c = compare(
      gateMetric(metric),
      p.head.slice(s, s + GATED_REPEAT),
      p.base.slice(s, s + GATED_REPEAT),
      {
        source: 'ab',
        method: 'paired',
      },
    )!;
    if (checkRegression(c, tier, GATED_REPEAT, GATED_REPEAT).status === 'fail') fails++;
  }
  return { gates, fails };
}

export const pct = (x: number, digits = 1) => percentFixed(x, digits);

/** Other load on the machine during the base runs: the share of its CPU other processes kept busy. */
export function foreignLoadLine(p: Pairs): string {
  return `other processes' share of the machine's CPU during base runs: median ${pct(median(p.foreignLoad)!)}, 5–95 % ${pct(nearestRank(p.foreignLoad, 0.05))}–${pct(nearestRank(p.foreignLoad, 0.95))}`;
}

export interface AdaptiveRates extends GateRates {
  /** Pairs used per gate: median and 95th percentile (nearest rank). */
  medianPairs: number;
  p95Pairs: number;
  /** Gates that reached the cap with the interval still across a limit. */
  capped: number;
}

/**
 * `gates` adaptive paired gates (src/gate/adaptive.ts: the runner's looks, levels and decision), each
 * drawing pairs with replacement from the measured ones until resolved or at the cap.
 */
export function adaptiveGates(
  pairs: Pairs,
  tier: Tier,
  gates: number,
  maxPairs: number,
  seed = 1,
  metric: EvidenceMetric = 'energy',
): AdaptiveRates {
  const p = sides(pairs, metric);
  const rand = mulberry32(seed);
  const draw = () => {
    const i = Math.floor(rand() * p.base.length);
    return [p.head[i]!, p.base[i]!] as const;
  };
  let fail = 0;
  let warn = 0;
  let capped = 0;
  let flaggedPass = 0;
  const used: number[] = [];
  for (let g = 0; g < gates; g++) {
    const r = adaptiveGate(draw, tier, { minPairs: GATED_REPEAT, maxPairs }, gateMetric(metric));
    if (r.status === 'fail') fail++;
    if (r.status === 'warn') warn++;
    if (r.adaptive.stop === 'max-repeat') capped++;
    if (r.status === 'pass' && r.adaptive.stop === 'max-repeat') flaggedPass++;
    used.push(r.adaptive.pairs);
  }
  return {
    fail: fail / gates,
    warn: warn / gates,
    flaggedPass: flaggedPass / gates,
    capped: capped / gates,
    medianPairs: nearestRank(used, 0.5),
    p95Pairs: nearestRank(used, 0.95),
  };
}

/** Spread of per-pair ratios: median and the 5th–95th percentile. */
export function ratioSpread(pairs: Pairs, metric: EvidenceMetric = 'energy'): string {
  const p = sides(pairs, metric);
  const r = p.head.map((h, i) => h / p.base[i]!);
  const q = (f: number) => nearestRank(r, f);
  return `per-pair head/base: median ${fixed(q(0.5), 3)}, 5–95 % ${fixed(q(0.05), 3)}–${fixed(q(0.95), 3)}`;
}
