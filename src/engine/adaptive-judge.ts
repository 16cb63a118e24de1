import { abBaseline } from '../gate/ab-baseline.js';
import { judgeLook, type Judgement } from '../gate/adaptive.js';
import { applyGate } from '../gate/apply.js';
import { regressionTier, type ResolvedBudget } from '../gate/types.js';
import type { Report } from '../report/types.js';
import type { BenchmarkRun } from '../runner/types.js';

/**
 * The judge of adaptive pairs (src/gate/ab-run.ts): the pairs so far of one benchmark, gated exactly as the
 * final verdict will gate them — each side built into a report by the run's own `build`, the base side made
 * the A/B baseline, the head gated with the benchmark's budget (applyGate: task windows or whole runs, the
 * gated metric, the look's level from `adaptive`) — then resolved unless the interval straddles one of the
 * tier limits that gate used (src/gate/adaptive.ts judgeLook).
 */
export function abJudge(
  build: (runs: BenchmarkRun[]) => Report,
  budgetOf: (name: string) => ResolvedBudget | undefined,
): (head: BenchmarkRun, base: BenchmarkRun) => Promise<Judgement> {
  return async (head, base) => {
    const baseline = await abBaseline(build([base]), 'look').load();
    const gated = applyGate(build([head]), { budgetOf, baseline }).benchmarks[0];
    if (!gated) return { resolved: true };
    return judgeLook(gated.comparison, regressionTier(gated.budget));
  };
}
