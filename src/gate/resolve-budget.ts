import type { BenchmarkBudgetConfig, BudgetConfig } from '../config/budget-schema.js';
import { DEFAULT_QUALITY } from '../config/metric-budget-schema.js';
import type { ResolvedBudget } from './types.js';

/** Repeats of a gated benchmark unless it sets `repeat`: enough for a 95 % interval (see stats/bootstrap.ts). */
export const GATED_REPEAT = 5;

/**
 * A benchmark's budget: its own keys win over the top-level ones, key by key (a benchmark that sets
 * `energy` keeps the suite's `co2e`). Undefined when neither declares a budget: the benchmark is not gated.
 */
export function resolveBudget(
  top: BudgetConfig | undefined,
  own: BenchmarkBudgetConfig | undefined,
  quality: string = DEFAULT_QUALITY,
): ResolvedBudget | undefined {
  if (!top && !own) return undefined;
  const energyJ = own?.energyJ ?? top?.energyJ;
  const co2eG = own?.co2eG ?? top?.co2eG;
  const perUnitCo2eG = own?.perUnitCo2eG ?? top?.perUnitCo2eG;
  const regression = own?.regression ?? top?.regression;
  // Metric by metric: a benchmark's own `accuracy` limits replace the suite's, its `loss` is added.
  const metrics = top?.metrics || own?.metrics ? { ...top?.metrics, ...own?.metrics } : undefined;
  const metric = own?.metric ?? top?.metric ?? 'energy';
  return {
    ...(energyJ ? { energyJ: { ...energyJ } } : {}),
    ...(co2eG ? { co2eG: { ...co2eG } } : {}),
    ...(perUnitCo2eG ? { perUnitCo2eG: { ...perUnitCo2eG } } : {}),
    ...(regression ? { regression: { ...regression } } : {}),
    metric,
    // Recorded when gated on or not the default: history records and the trade-off line read it.
    ...(metric === 'efficiency' || quality !== DEFAULT_QUALITY ? { quality } : {}),
    ...(metrics ? { metrics: structuredClone(metrics) } : {}),
  };
}
