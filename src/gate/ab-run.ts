import { sampleMetricsCap } from '../runner/metrics-file.js';
import { meteredRepeat, type SuiteDeps } from '../runner/run-suite.js';
import type { BenchmarkRun, BenchmarkSpec, SampleRun } from '../runner/types.js';
import { lookPlan, type LookPlan } from '../stats/sequential.js';
import type { Judgement } from './adaptive.js';
import type { Adaptive } from './types.js';

export interface AbDeps extends SuiteDeps {
  /** Runs a base-side command (its output is labelled apart from the head's). */
  spawnBaseBenchmark: SuiteDeps['spawnBenchmark'];
  /**
   * Adaptive pairs: judges one benchmark's head and base runs so far, each carrying `adaptive` with the
   * look's level, with the same gate as the final verdict (src/engine/adaptive-judge.ts). Without it, or
   * without `maxRepeat` > `repeat`, exactly `repeat` pairs run.
   */
  judge?(head: BenchmarkRun, base: BenchmarkRun): Judgement | Promise<Judgement>;
  /** Seconds on a monotonic clock, for `maxTimeS` (default: performance.now). */
  now?(): number;
}

export interface AbRuns {
  head: BenchmarkRun[];
  base: BenchmarkRun[];
}

/**
 * Paired A/B on one machine: for each head benchmark that the base also declares, both sides' warmups,
 * then base and head repeats in pairs, head's repeat count for both so every sample has a partner.
 * Neighbouring runs share the machine's state (thermal, noisy neighbours, frequency), so the per-pair
 * ratio cancels drift that separate runs would mistake for a change. The order inside a pair alternates
 * (A B, B A, A B, …) so that whatever favours the first or the second run of a pair — a warm file cache,
 * a CPU boost budget spent by the run before — falls on both sides instead of biasing the ratio. With an
 * odd count the split is uneven (3:2 at 5 repeats), yet the Hodges–Lehmann estimate still cancels a
 * constant order effect: of the 15 pairwise means of 3×(+δ) and 2×(−δ), the middle one is 0.
 * A benchmark only head has runs alone; one side failing stops that side only.
 *
 * Adaptive pairs (head `maxRepeat` > `repeat`, and a judge): after `repeat` pairs and at each later look
 * of src/stats/sequential.ts, the judge gates the pairs so far; while the interval straddles a tier limit,
 * pairs are added up to the next look. It stops when resolved, at `maxRepeat` (max-repeat), when the next
 * look's pairs would run past `maxTimeS` at the pace so far (max-time), when a side fails (error: no
 * pairs after the first look) or on a signal (interrupted). Both runs record `adaptive`.
 */
export async function runAb(
  head: readonly BenchmarkSpec[],
  base: readonly BenchmarkSpec[],
  deps: AbDeps,
): Promise<AbRuns> {
  const out: AbRuns = { head: [], base: [] };
  // Each side is its own report: its metrics share that report's byte budget (runner/metrics-file.ts).
  const metricsCap = sampleMetricsCap(head.reduce((n, s) => n + Math.max(s.repeat, s.maxRepeat ?? 0), 0));
  for (const [i, spec] of head.entries()) {
    const where = `[${i + 1}/${head.length}] ${spec.name}`;
    if (deps.interrupted?.()) {
      out.head.push({ spec, status: 'error', reason: 'not run: interrupted', samples: [] });
      continue;
    }
    const baseSpec = base.find((b) => b.name === spec.name);
    const sides: Side[] = [side(spec, deps.spawnBenchmark, 'head')];
    if (baseSpec) sides.unshift(side({ ...baseSpec, repeat: spec.repeat }, deps.spawnBaseBenchmark, 'base'));
    for (const s of sides) await warm(s, where, deps);
    const plan = baseSpec && deps.judge && (spec.maxRepeat ?? 0) > spec.repeat ? planOf(spec) : null;
    const run = (from: number, to: number) => runPairs(sides, from, to, { where, deps, metricsCap });
    if (plan) await adaptivePairs(sides as [Side, Side], plan, run, { spec, where, deps });
    else await run(1, spec.repeat);
    out.head.push(sides.at(-1)!.run);
    if (baseSpec) out.base.push(sides[0]!.run);
  }
  return out;
}

function planOf(spec: BenchmarkSpec): LookPlan & { minPairs: number; maxPairs: number } {
  const maxPairs = spec.maxRepeat!;
  return { ...lookPlan(spec.repeat, maxPairs), minPairs: spec.repeat, maxPairs };
}

/** The looks of one benchmark: pairs up to each, the judge after each, until a stop; records `adaptive`. */
async function adaptivePairs(
  [base, head]: [Side, Side],
  plan: ReturnType<typeof planOf>,
  run: (from: number, to: number) => Promise<boolean>,
  ctx: { spec: BenchmarkSpec; where: string; deps: AbDeps },
): Promise<void> {
  const now = ctx.deps.now ?? (() => performance.now() / 1000);
  const started = now();
  const record = (stop: Adaptive['stop']) => {
    const pairs = Math.min(head.run.samples.length, base.run.samples.length);
    const adaptive: Adaptive = {
      pairs,
      minPairs: plan.minPairs,
      maxPairs: plan.maxPairs,
      level: plan.level,
      stop,
    };
    head.run.adaptive = adaptive;
    base.run.adaptive = { ...adaptive };
  };
  let done = 0;
  for (const [k, n] of plan.looks.entries()) {
    if (!(await run(done + 1, n))) return record('interrupted');
    done = n;
    if (head.run.reason || base.run.reason) return record('error');
    record('resolved'); // the judge reads the look's level; the stop is settled below
    const judged = await ctx.deps.judge!(head.run, base.run);
    if (judged.resolved) return record('resolved');
    const next = plan.looks[k + 1];
    if (next === undefined) return record('max-repeat');
    const elapsed = now() - started;
    if (ctx.spec.maxTimeS !== undefined && elapsed + (elapsed / done) * (next - done) > ctx.spec.maxTimeS)
      return record('max-time');
    ctx.deps.progress(
      `${ctx.where}: adding pairs ${done + 1}–${next} of up to ${plan.maxPairs}: ${judged.why ?? 'not resolved'}`,
    );
  }
}

/**
 * Pairs `from`..`to` in alternating order; a side that failed sits the rest out (within the configured
 * repeats the other side keeps going, as without adaptive pairs; past them, a failure ends the pairs).
 * false when a signal stopped them.
 */
async function runPairs(
  sides: Side[],
  from: number,
  to: number,
  ctx: { where: string; deps: AbDeps; metricsCap: number },
): Promise<boolean> {
  for (let r = from; r <= to; r++) {
    if (ctx.deps.interrupted?.()) {
      for (const s of sides.filter((x) => !x.run.reason)) fail(s, `interrupted before repeat ${r}/${to}`);
      return false;
    }
    if (r > sides[0]!.run.spec.repeat && sides.some((x) => x.run.reason)) return true;
    const order = r % 2 === 1 ? sides : [...sides].reverse();
    for (const s of order.filter((x) => !x.run.reason)) {
      ctx.deps.progress(`${ctx.where}: ${s.label} repeat ${r}/${to}`);
      const sample: SampleRun = await meteredRepeat(
        s.run.spec,
        r,
        { meter: ctx.deps.meter, spawnBenchmark: s.exec },
        ctx.metricsCap,
      );
      s.run.samples.push(sample);
      if (!sample.command.ok) fail(s, `repeat ${r}/${to}: ${sample.command.reason}`);
    }
  }
  return true;
}

interface Side {
  label: 'base' | 'head';
  run: BenchmarkRun;
  exec: SuiteDeps['spawnBenchmark'];
}

function side(spec: BenchmarkSpec, exec: SuiteDeps['spawnBenchmark'], label: Side['label']): Side {
  return { label, exec, run: { spec, status: 'ok', samples: [] } };
}

function fail(s: Side, reason: string): void {
  s.run.status = 'error';
  s.run.reason = reason;
}

async function warm(s: Side, where: string, deps: SuiteDeps): Promise<void> {
  const n = s.run.spec.warmup;
  for (let w = 1; w <= n && !s.run.reason; w++) {
    deps.progress(`${where}: ${s.label} warmup ${w}/${n}`);
    const result = await s.exec(s.run.spec, () => {});
    if (!result.ok) fail(s, `warmup ${w}/${n}: ${result.reason}`);
  }
}
