import { medianCi } from '../stats/bootstrap.js';
import { median } from '../stats/median.js';
import type { MetricSamples } from './baseline.js';
import type { BenchmarkStats, Summary } from './types.js';

function summary(xs: readonly number[]): Summary {
  return { median: median(xs)!, ci95: medianCi(xs) };
}

/** Medians and bootstrap 95 % intervals of the successful repeats; undefined when none succeeded. */
export function benchmarkStats(m: MetricSamples): BenchmarkStats | undefined {
  if (m.energy.length === 0) return undefined;
  return {
    n: m.energy.length,
    energyJ: summary(m.energy),
    co2eG: summary(m.co2e),
    durationS: summary(m.duration),
  };
}
