import type { Summary } from '../gate/types.js';
import type { RunRecord, StoredRecord } from '../github/history/record.js';
import { medianCi } from '../stats/bootstrap.js';
import { median } from '../stats/median.js';

/**
 * The data branch's records as series: one point per recorded run, oldest first, for the suite and for each
 * benchmark. A benchmark's point is the median of its successful repeats with the 95 % interval of the gate
 * (stats/bootstrap.ts: seeded, so a rebuild draws the same band; none below 5 repeats).
 */

/** Runs drawn as points (with intervals, links and table rows) per chart; older runs are in the overview. */
export const RECENT_RUNS = 100;

/**
 * A point's median and 95 % interval, as the gate summarises repeats (src/gate/stats.ts); ci95 is null below
 * MIN_CI_SAMPLES successful repeats, and for runs older than the last RECENT_RUNS (not computed).
 */
export type Estimate = Summary;

export interface RunRef {
  sha: string;
  runId: string;
  createdAt: string;
}

export interface BenchPoint extends RunRef {
  /** Successful repeats the estimates are drawn from. */
  n: number;
  energyJ: Estimate;
  co2eG: Estimate;
}

export interface BenchSeries {
  name: string;
  points: BenchPoint[];
  /** Runs of this benchmark with no successful repeat: not drawn. */
  failedRuns: number;
}

export interface SuitePoint extends RunRef {
  energyJ: number;
  co2eG: number;
  spentCo2eG: number;
}

export interface History {
  runs: SuitePoint[];
  benchmarks: BenchSeries[];
}

/** createdAt, then the file name: the order of the branch's names, stable across builds. */
function byTime(a: StoredRecord, b: StoredRecord): number {
  const [x, y] = [a.record.createdAt, b.record.createdAt];
  return x < y ? -1 : x > y ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

const ref = (r: RunRecord): RunRef => ({ sha: r.sha, runId: r.runId, createdAt: r.createdAt });

function estimate(xs: number[], withCi: boolean): Estimate {
  return { median: median(xs)!, ci95: withCi ? medianCi(xs) : null };
}

/**
 * Intervals are computed for the last RECENT_RUNS points of each benchmark only: a bootstrap costs about
 * 1 ms, and 5,000 runs × benchmarks × 2 quantities would take the build from a second to a minute.
 */
export function historyOf(stored: readonly StoredRecord[]): History {
  const sorted = [...stored].sort(byTime).map((s) => s.record);
  const runs = sorted.map((r) => ({
    ...ref(r),
    energyJ: r.totals.energyJ,
    co2eG: r.totals.co2eG,
    spentCo2eG: r.totals.spentCo2eG,
  }));
  const byName = new Map<
    string,
    { runs: { r: RunRecord; energy: number[]; co2e: number[] }[]; failed: number }
  >();
  for (const r of sorted) {
    for (const b of r.benchmarks) {
      const entry = byName.get(b.name) ?? { runs: [], failed: 0 };
      byName.set(b.name, entry);
      const ok = b.samples.filter((s) => s.status === 'ok');
      if (ok.length === 0) entry.failed++;
      else entry.runs.push({ r, energy: ok.map((s) => s.energyJ), co2e: ok.map((s) => s.co2eG) });
    }
  }
  const benchmarks = [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, e]) => ({
      name,
      failedRuns: e.failed,
      points: e.runs.map((x, i) => {
        const withCi = i >= e.runs.length - RECENT_RUNS;
        return {
          ...ref(x.r),
          n: x.energy.length,
          energyJ: estimate(x.energy, withCi),
          co2eG: estimate(x.co2e, withCi),
        };
      }),
    }));
  return { runs, benchmarks };
}
