import type { SeriesPoint, Span } from './task-window.js';

/**
 * The benchmark's own share of the energy measured over a span, for machines shared with other jobs.
 *
 * Whole-machine energy splits into idle (what the machine draws doing nothing) and dynamic (what load adds).
 * Dynamic energy is shared by busy CPU time: the benchmark's process tree gets its CPU-seconds ÷ all busy
 * CPU-seconds of it (how Kepler and Scaphandre attribute). Idle energy is shared by capacity: the tree gets
 * its CPU-seconds ÷ the machine's CPU-seconds (duration × logical CPUs), the part of the machine it held.
 *
 * Why capacity and not the busy share for idle: with a power curve close to linear in utilisation,
 * dynamic × busy share ≈ the tree's CPU-seconds × watts per busy CPU, whatever the neighbours do, and the
 * capacity share of idle is also the tree's CPU-seconds × a constant. The figure then follows the
 * benchmark's own work; a busy-share split of idle power would shrink whenever a neighbour got busier.
 * On a quiet machine a single-threaded benchmark on 2 CPUs gets all the dynamic energy and half the idle.
 */
export function attributedJ(span: Span, logicalCpus: number, idleW: number): number {
  const { energyJ, durationS, busy, total, treeCpuS } = span;
  if (durationS <= 0 || energyJ <= 0 || logicalCpus <= 0) return 0;
  const capacityS = durationS * logicalCpus;
  const busyCpuS = total > 0 ? (busy / total) * capacityS : 0;
  // The tree's CPU time comes from /proc ticks (10 ms): a little above the busy time it is part of.
  const busyShare = busyCpuS > 0 ? Math.min(1, treeCpuS / busyCpuS) : 0;
  const idleJ = Math.min(energyJ, Math.max(0, idleW) * durationS);
  const capacityShare = Math.min(1, treeCpuS / capacityS);
  return busyShare * (energyJ - idleJ) + capacityShare * idleJ;
}

/** Readings closer together than this are not used to find the quietest interval (too coarse). */
const MIN_INTERVAL_S = 0.05;

/**
 * For meters that measure energy without a model of idle power (RAPL): the lowest mean power over any
 * sampled interval of the session. An upper bound of idle power (every interval carries some load), so
 * it leaves more energy to be shared by CPU time; null with no interval long enough.
 */
export function quietestPowerW(series: readonly SeriesPoint[]): number | null {
  let min: number | null = null;
  for (let i = 1; i < series.length; i++) {
    const dt = series[i]!.tS - series[i - 1]!.tS;
    if (dt < MIN_INTERVAL_S) continue;
    const w = (series[i]!.energyJ - series[i - 1]!.energyJ) / dt;
    if (min === null || w < min) min = w;
  }
  return min === null ? null : Math.max(0, min);
}
