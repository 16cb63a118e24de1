/**
 * mulberry32: a tiny seeded PRNG. Bootstrap intervals must be reproducible — the same samples give the
 * same verdict on every rerun — so Math.random is never used for them.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fisher–Yates in place, drawing from `rand` (a mulberry32 stream): from the last index down, swap with
 * ⌊rand() · (i + 1)⌋. The one shuffle of the project: CV folds and TF.js sample draws both go through it,
 * so the same seed deals the same order everywhere.
 */
export function shuffleInPlace<A extends { length: number; [index: number]: unknown }>(
  items: A,
  rand: () => number,
): A {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
