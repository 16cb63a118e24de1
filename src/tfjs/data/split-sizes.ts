/**
 * Sizes of the train/held-out split of `samples` examples: the held-out share rounded, at least one
 * example on each side (a split with an empty side cannot train or score).
 */
export function splitSizes(samples: number, testSplit: number): { train: number; test: number } {
  const test = Math.min(samples - 1, Math.max(1, Math.round(samples * testSplit)));
  return { train: samples - test, test };
}
