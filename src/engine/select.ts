import { UsageError } from '../errors/usage-error.js';
import { selectNames } from '../runner/shard.js';
import type { BenchmarkSpec } from '../runner/types.js';
import type { EngineOverrides, GatedReport } from './types.js';

/**
 * The benchmarks a matrix job runs (src/runner/shard.ts). A name in the explicit list that the config lacks
 * is a usage error naming the flag or input: a typo must not silently run nothing. A shard that gets no
 * benchmark is fine: its report is empty, and the merge still counts it as present.
 */
export function selectSpecs(
  specs: BenchmarkSpec[],
  select: EngineOverrides['select'],
  configLabel: string,
): BenchmarkSpec[] {
  if (!select) return specs;
  const { selected, unknown } = selectNames(
    specs.map((s) => s.name),
    select,
  );
  if (unknown.length) {
    const shown = unknown
      .slice(0, 3)
      .map((n) => JSON.stringify(n.slice(0, 60)))
      .join(', ');
    throw new UsageError(
      `${select.label}: no benchmark named ${shown}${unknown.length > 3 ? ` (and ${unknown.length - 3} more)` : ''} in ${configLabel}`,
    );
  }
  const keep = new Set(selected);
  return specs.filter((s) => keep.has(s.name));
}

/** The report with the commit measured and this job's shard (K/N and the benchmarks it was given). */
export function stampRun(report: GatedReport, o: EngineOverrides, specs: BenchmarkSpec[]): GatedReport {
  const shard = o.select?.shard;
  return {
    ...report,
    ...(o.commit ? { commit: o.commit } : {}),
    ...(shard ? { shard: { index: shard.index, count: shard.count, names: specs.map((s) => s.name) } } : {}),
  };
}
