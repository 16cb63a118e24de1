import { baselineFromReport, type BaselineSource, type GateBenchmark } from './baseline.js';

/**
 * `--ab REF`: the base side of an interleaved run (ab-run.ts). Sample i of base ran right beside sample i
 * of head on the same machine, so the two are compared pair by pair.
 */
export function abBaseline(
  baseReport: { benchmarks: readonly GateBenchmark[] },
  ref: string,
): BaselineSource {
  return {
    source: 'ab',
    load: () => Promise.resolve(baselineFromReport(baseReport, { source: 'ab', ref, method: 'paired' })),
  };
}
