/**
 * Shared by bench-gate-aa.ts and bench-gate-power.ts: real interleaved runs of a CPU-bound workload with
 * the real meter (what `run --ab` does), and gates resampled from them with the gate's own statistics.
 */
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DEFAULT_INTERVAL_S } from '../../src/meter/defaults.js';
import { selectMeter } from '../../src/meter/io/select-meter.js';
import { spawnCommand } from '../../src/runner/io/spawn-command.js';
import { meteredRepeat } from '../../src/runner/run-suite.js';
import { runAb } from '../../src/gate/ab-run.js';
import type { BenchmarkSpec } from '../../src/runner/types.js';
import { checkRegression, compare } from '../../src/gate/regression.js';
import { median } from '../../src/stats/median.js';
import { mulberry32 } from '../../src/stats/prng.js';
import { GATED_REPEAT } from '../../src/gate/resolve-budget.js';
import type { Tier } from '../../src/gate/types.js';

const WORKLOAD = fileURLToPath(new URL('./gate-workload.mjs', import.meta.url));
const sink = new Writable({ write: (_c, _e, cb) => cb() });

/**
 * Default work: ~4.5 s of one core on the 2-core EPYC VM, the length of a short ML benchmark (the
 * reference suite's run 3–20 s). `--work 6` (~0.4 s, about half of it Node start-up) shows how short,
 * start-up-dominated benchmarks fare.
 */
export const DEFAULT_WORK = 100;

const spec = (work: number): BenchmarkSpec => ({
  name: `work-${work}`,
  kind: 'other',
  run: `node ${JSON.stringify(WORKLOAD)}`,
  cwd: process.cwd(),
  env: { WORK: String(work) },
  repeat: 1,
  warmup: 0,
  timeoutS: 300,
});

export interface Pairs {
  base: number[];
  head: number[];
  /** Base runs' metered durations, s. */
  baseS: number[];
  meter: string;
}

async function meterDeps() {
  const { meter } = await selectMeter({ intervalS: DEFAULT_INTERVAL_S });
  return {
    meter,
    runCommand: (s: BenchmarkSpec, onPid: (p: number) => void) => spawnCommand(s, '', sink, onPid),
  };
}

/**
 * `pairs` paired base/head runs through the A/B runner itself (src/gate/ab-run.ts, what `run --ab` and the
 * Action's `baseline: ab` use): one warmup each, then pairs in alternating order.
 */
export async function measurePairs(baseWork: number, headWork: number, pairs: number): Promise<Pairs> {
  const deps = await meterDeps();
  const side = (work: number): BenchmarkSpec => ({ ...spec(work), name: 'work', repeat: pairs, warmup: 1 });
  const runs = await runAb([side(headWork)], [side(baseWork)], {
    ...deps,
    runBaseCommand: deps.runCommand,
    progress: () => {},
  });
  const [head, base] = [runs.head[0]!, runs.base[0]!];
  if (head.status !== 'ok' || base.status !== 'ok') throw new Error(head.reason ?? base.reason);
  return {
    base: base.samples.map((s) => s.measurement.energyJ),
    head: head.samples.map((s) => s.measurement.energyJ),
    baseS: base.samples.map((s) => s.measurement.durationS),
    meter: deps.meter.describe().cpu,
  };
}

/**
 * The metered window holds more than the work: `sh`, Node's start-up and the meter's start and stop.
 * Measured with no work at all, it bounds what +x % of work can show: at most +x % × (1 − share).
 */
export async function fixedCostS(runs = 5): Promise<number> {
  const deps = await meterDeps();
  const zero = spec(0);
  await spawnCommand(zero, '', sink, () => {});
  const s: number[] = [];
  for (let i = 1; i <= runs; i++) s.push((await meteredRepeat(zero, i, deps)).measurement.durationS);
  return median(s)!;
}

/** One line on the workload: its metered duration and the share of it that is fixed cost. */
export function describeWorkload(work: number, p: Pairs, fixedS: number): string {
  const runS = median(p.baseS)!;
  return `workload WORK=${work}: base run ${runS.toFixed(2)} s metered, of which ${fixedS.toFixed(2)} s (${pct(fixedS / runS)}) is start-up and metering with no work`;
}

export interface GateRates {
  fail: number;
  warn: number;
}

/**
 * `gates` gates of GATED_REPEAT pairs drawn with replacement from measured pairs (paired) or of
 * GATED_REPEAT base and GATED_REPEAT head runs drawn apart (independent), judged on `tier`.
 */
export function resampledGates(
  p: Pairs,
  tier: Tier,
  gates: number,
  method: 'paired' | 'independent',
  seed = 1,
): GateRates {
  const rand = mulberry32(seed);
  const pick = () => Math.floor(rand() * p.base.length);
  let fail = 0;
  let warn = 0;
  for (let g = 0; g < gates; g++) {
    const bi = Array.from({ length: GATED_REPEAT }, pick);
    const hi = method === 'paired' ? bi : Array.from({ length: GATED_REPEAT }, pick);
    const c = compare(
      'energy',
      hi.map((i) => p.head[i]!),
      bi.map((i) => p.base[i]!),
      { source: method === 'paired' ? 'ab' : 'file', method },
    )!;
    const status = checkRegression(c, tier, GATED_REPEAT, GATED_REPEAT).status;
    if (status === 'fail') fail++;
    if (status === 'warn') warn++;
  }
  return { fail: fail / gates, warn: warn / gates };
}

/** Consecutive, non-overlapping gates of GATED_REPEAT pairs, exactly as they ran (no resampling). */
export function consecutiveGates(p: Pairs, tier: Tier): { gates: number; fails: number } {
  let fails = 0;
  const gates = Math.floor(p.base.length / GATED_REPEAT);
  for (let g = 0; g < gates; g++) {
    const s = g * GATED_REPEAT;
    const c = compare('energy', p.head.slice(s, s + GATED_REPEAT), p.base.slice(s, s + GATED_REPEAT), {
      source: 'ab',
      method: 'paired',
    })!;
    if (checkRegression(c, tier, GATED_REPEAT, GATED_REPEAT).status === 'fail') fails++;
  }
  return { gates, fails };
}

export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;

/** Spread of per-pair ratios: median and the 5th–95th percentile. */
export function ratioSpread(p: Pairs): string {
  const r = p.head.map((h, i) => h / p.base[i]!).sort((a, b) => a - b);
  const q = (f: number) => r[Math.round(f * (r.length - 1))]!;
  return `per-pair head/base: median ${q(0.5).toFixed(3)}, 5–95 % ${q(0.05).toFixed(3)}–${q(0.95).toFixed(3)}`;
}
