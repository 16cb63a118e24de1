/**
 * Neighbour correction of the ridge prediction. Servers built around the same CPU by the same
 * vendor share quirks no global feature captures (power supplies, fans, BIOS power plans), so the
 * ridge's residuals on the most similar training servers, weighted by closeness, are added back.
 */
export interface NeighbourSet {
  keys: readonly string[];
  vendors: readonly (string | null)[];
  /** Standardised size/era coordinates (the first KNN_DIMS features). */
  points: readonly number[][];
  /** Log-power residuals of the ridge fit, one row of 11 per server. */
  residuals: readonly number[][];
}

export interface Query {
  key: string;
  vendor: string | null;
  point: readonly number[];
}

export interface Neighbour {
  index: number;
  distance: number;
}

/** The `count` nearest training servers; a different CPU or vendor adds a fixed penalty. */
export function nearest(
  set: Pick<NeighbourSet, 'keys' | 'vendors' | 'points'>,
  q: Query,
  namePenalty: number,
  vendorPenalty: number,
  count: number,
): Neighbour[] {
  const all: Neighbour[] = set.points.map((p, index) => {
    let d = 0;
    for (let j = 0; j < q.point.length; j++) d += (q.point[j]! - p[j]!) ** 2;
    if (set.keys[index] !== q.key) d += namePenalty;
    // An unknown vendor is not penalised: it may well be the same one.
    if (q.vendor !== null && set.vendors[index] !== q.vendor) d += vendorPenalty;
    return { index, distance: d };
  });
  // Ties broken by row order, so the result never depends on the sort implementation.
  all.sort((a, b) => a.distance - b.distance || a.index - b.index);
  return all.slice(0, count);
}

/** Kernel-weighted mean residual of the first k neighbours: weight exp(−distance / bandwidth). */
export function correction(
  neighbours: readonly Neighbour[],
  residuals: readonly number[][],
  k: number,
  bandwidth: number,
): number[] {
  const used = neighbours.slice(0, k);
  const levels = residuals[0]?.length ?? 0;
  const out = new Array<number>(levels).fill(0);
  let total = 0;
  for (const { index, distance } of used) {
    const w = Math.exp(-distance / bandwidth);
    total += w;
    residuals[index]!.forEach((r, c) => (out[c]! += w * r));
  }
  return total > 0 ? out.map((v) => v / total) : out;
}
