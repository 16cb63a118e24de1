import { sampleMetricsCap } from '../runner/metrics-file.js';
import { meteredRepeat, type SuiteDeps } from '../runner/run-suite.js';
import type { BenchmarkRun, BenchmarkSpec, SampleRun } from '../runner/types.js';

export interface AbDeps extends SuiteDeps {
  /** Runs a base-side command (its output is labelled apart from the head's). */
  spawnBaseBenchmark: SuiteDeps['spawnBenchmark'];
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
 */
export async function runAb(
  head: readonly BenchmarkSpec[],
  base: readonly BenchmarkSpec[],
  deps: AbDeps,
): Promise<AbRuns> {
  const out: AbRuns = { head: [], base: [] };
  // Each side is its own report: its metrics share that report's byte budget (runner/metrics-file.ts).
  const metricsCap = sampleMetricsCap(head.reduce((n, s) => n + s.repeat, 0));
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
    for (let r = 1; r <= spec.repeat; r++) {
      if (deps.interrupted?.()) {
        for (const s of sides.filter((x) => !x.run.reason))
          fail(s, `interrupted before repeat ${r}/${spec.repeat}`);
        break;
      }
      const order = r % 2 === 1 ? sides : [...sides].reverse();
      for (const s of order.filter((x) => !x.run.reason)) {
        deps.progress(`${where}: ${s.label} repeat ${r}/${spec.repeat}`);
        const sample: SampleRun = await meteredRepeat(
          s.run.spec,
          r,
          {
            meter: deps.meter,
            spawnBenchmark: s.exec,
          },
          metricsCap,
        );
        s.run.samples.push(sample);
        if (!sample.command.ok) fail(s, `repeat ${r}/${spec.repeat}: ${sample.command.reason}`);
      }
    }
    out.head.push(sides.at(-1)!.run);
    if (baseSpec) out.base.push(sides[0]!.run);
  }
  return out;
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
