import { DEFAULT_LEVEL, MIN_CI_SAMPLES } from './bootstrap.js';

/**
 * Looks of a sequential A/B (adaptive pairs): the pair counts at which the interval is computed and the
 * runner may stop, and the confidence level of the interval at each.
 *
 * Why not recompute a 95 % interval after every added pair? Each look is another chance for noise to push
 * the interval's lower bound past a limit, and stopping at the first look that "knows" keeps that chance:
 * with 16 looks at 95 % the false-fail rate is far above what one 95 % interval promises.
 *
 * The looks are fixed before anything runs (they depend only on the bounds), and the error rate is spent
 * over them by a union bound (Bonferroni): each look's interval has level 1 − α ÷ K, K the number of looks
 * that can give an interval. Whatever the dependence between looks, the chance that ANY of the K intervals
 * misses the true ratio is at most K × α ÷ K = α, so the chance that the look the runner stopped at misses
 * it is at most α too — whichever rule chose that look, including "stop as soon as it is resolved" or a
 * time cap. That is the whole argument; no model of how the looks correlate is needed, which is why it stays
 * valid under optional stopping (a group-sequential boundary such as O'Brien–Fleming spends less at the end
 * but relies on normal increments that a 5-pair bootstrap of log ratios does not give).
 *
 * The price is a wider interval at each look: 99 % instead of 95 % with 5 looks. Looks grow by about ×1.4
 * (5, 7, 10, 14, 20) so that K stays small — the union bound costs little at 5 looks and a lot at 16 — and
 * each look adds about as much information, relative to what is known, as the one before.
 */

/** Growth of the pair count from one look to the next. */
export const LOOK_GROWTH = 1.4;

/**
 * The pair counts at which the interval is looked at: `minPairs` (the configured repeats), then ×1.4
 * (rounded, at least one more) up to `maxPairs`, which is always the last. Below MIN_CI_SAMPLES there is no
 * interval, so the look after such a first one is at MIN_CI_SAMPLES. maxPairs ≤ minPairs: one look.
 */
export function looks(minPairs: number, maxPairs: number): number[] {
  const out = [minPairs];
  let n = minPairs;
  while (n < maxPairs) {
    const grown = n < MIN_CI_SAMPLES ? MIN_CI_SAMPLES : Math.max(n + 1, Math.round(n * LOOK_GROWTH));
    n = Math.min(maxPairs, grown);
    out.push(n);
  }
  return out;
}

export interface LookPlan {
  /** Pair counts of the looks, increasing; the last is the cap. */
  looks: number[];
  /** The interval's confidence level at every look (one level: the error rate is spent evenly). */
  level: number;
}

/**
 * The looks and their level, for an overall `level` (the fixed gate's 95 %: α = 5 %). Only looks with an
 * interval (≥ MIN_CI_SAMPLES pairs) can fail a build, so only they spend α; with one such look the level is
 * the fixed gate's. Rounded up to 12 digits — never spending more than α — so that 5 looks read 0.99, not
 * 0.9899999999999999 (the − 1e-3 keeps an exact 0.99e12 from rounding up a digit).
 */
export function lookPlan(minPairs: number, maxPairs: number, level = DEFAULT_LEVEL): LookPlan {
  const at = looks(minPairs, maxPairs);
  const spending = at.filter((n) => n >= MIN_CI_SAMPLES).length;
  const perLook = spending <= 1 ? level : 1 - (1 - level) / spending;
  return { looks: at, level: Math.ceil(perLook * 1e12 - 1e-3) / 1e12 };
}
