/** A seed fixes the sample draw and the split everywhere: the shared seeded PRNG, and a permutation. */
import { mulberry32, shuffleInPlace } from '../../stats/prng.js';

/** 0…n-1 in a seeded random order (Fisher–Yates). */
export function permutation(n: number, seed: number): Int32Array {
  return shuffleInPlace(
    Int32Array.from({ length: n }, (_, i) => i),
    mulberry32(seed),
  );
}
