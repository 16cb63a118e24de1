import { EfficiencySchema } from './model-metrics.js';

/**
 * The accuracy/energy trade-off of a suite: which benchmarks reported a quality figure, and which of them
 * no other benchmark beats on both energy and quality (the Pareto frontier). Pure data; the pictures are
 * in pareto-svg.ts.
 */

/** One benchmark on the chart. */
export interface ParetoPoint {
  name: string;
  /** The benchmark's status (pass, warn, fail, …): printed, never interpreted. */
  status: string;
  /** Median energy, J (> 0). */
  energyJ: number;
  /** Median of the quality metric (higher is better). */
  quality: number;
  /** No other point has ≤ energy and ≥ quality with one of them strictly better. */
  frontier: boolean;
}

export interface ParetoChart {
  /** The quality metric charted: the one most benchmarks with a quality figure share. */
  metric: string;
  /** In report order. */
  points: ParetoPoint[];
  /** Benchmarks with a quality figure in another metric, not charted (they are not comparable). */
  otherMetrics: number;
}

/**
 * What paretoPoints reads of a report: a BenchmarkReport fits, and so does the Action's ReportView. Its
 * trust boundary checks `efficiency` already; any other caller's is checked here (a few benchmarks, cheap).
 */
export interface ParetoInput {
  benchmarks: readonly { name: string; status: string; energyJ: number | null; efficiency?: unknown }[];
}

/** Fewer points than this and there is nothing to compare: no chart (paretoChart returns null). */
export const MIN_CHART_POINTS = 2;

/**
 * The benchmarks with a quality figure and a positive energy, for the metric most of them share (ties: the
 * first in report order), each marked on or off the frontier. Points with another metric are counted in
 * `otherMetrics`; a malformed `efficiency` (not finite, wrong shape) is ignored. No point: metric ''.
 */
export function paretoPoints(report: ParetoInput): ParetoChart {
  const candidates: { name: string; status: string; energyJ: number; quality: number; metric: string }[] = [];
  for (const b of report.benchmarks) {
    const parsed = EfficiencySchema.safeParse(b.efficiency);
    if (!parsed.success) continue;
    const { metric, quality } = parsed.data;
    const energyJ = b.energyJ;
    if (energyJ === null || !(energyJ > 0) || !Number.isFinite(energyJ) || !Number.isFinite(quality))
      continue;
    candidates.push({ name: b.name, status: b.status, energyJ, quality, metric });
  }
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(c.metric, (counts.get(c.metric) ?? 0) + 1);
  let metric = '';
  let best = 0;
  // Map keeps insertion order: on a tie the metric seen first wins.
  for (const [m, n] of counts)
    if (n > best) {
      metric = m;
      best = n;
    }
  const chosen = candidates.filter((c) => c.metric === metric);
  const points = chosen.map(({ name, status, energyJ, quality }) => ({
    name,
    status,
    energyJ,
    quality,
    frontier: !chosen.some((o) => dominates(o, { energyJ, quality })),
  }));
  return { metric, points, otherMetrics: candidates.length - chosen.length };
}

/** `a` uses no more energy and reaches no less quality than `b`, and is strictly better in one. */
export function dominates(
  a: { energyJ: number; quality: number },
  b: { energyJ: number; quality: number },
): boolean {
  return a.energyJ <= b.energyJ && a.quality >= b.quality && (a.energyJ < b.energyJ || a.quality > b.quality);
}

/** The chart when there is something to compare (≥ MIN_CHART_POINTS points), else null. */
export function paretoChart(report: ParetoInput): ParetoChart | null {
  const chart = paretoPoints(report);
  return chart.points.length >= MIN_CHART_POINTS ? chart : null;
}

/** The frontier in energy order (quality rises along it); equal points keep report order. */
export function frontierOf(chart: Pick<ParetoChart, 'points'>): ParetoPoint[] {
  return chart.points
    .filter((p) => p.frontier)
    .sort((a, b) => a.energyJ - b.energyJ || a.quality - b.quality);
}
