import { median } from './median.js';

/**
 * Hodges–Lehmann location: the median of the pairwise means (Walsh averages) of xs. As robust as a median
 * against a stray value (breakdown 29 %) but nearly as efficient as the mean on well-behaved noise, so a
 * gate of 5 pairs can resolve a few per cent without one odd run deciding.
 */
export function hodgesLehmann(xs: readonly number[]): number | null {
  const walsh: number[] = [];
  for (let i = 0; i < xs.length; i++) for (let j = i; j < xs.length; j++) walsh.push((xs[i]! + xs[j]!) / 2);
  return median(walsh);
}

/** Two-sample Hodges–Lehmann shift: the median of every difference head_i − base_j. */
export function hodgesLehmannShift(head: readonly number[], base: readonly number[]): number | null {
  const diffs: number[] = [];
  for (const h of head) for (const b of base) diffs.push(h - b);
  return median(diffs);
}
