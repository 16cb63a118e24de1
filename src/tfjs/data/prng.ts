/** A seed fixes the sample draw and the split everywhere: the shared seeded PRNG, and a permutation. */
import { mulberry32 } from '../../stats/prng.js';

export { mulberry32 };

/** 0…n-1 in a seeded random order (Fisher–Yates). */
export function permutation(n: number, seed: number): Int32Array {
  const rand = mulberry32(seed);
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i] as number;
    p[i] = p[j] as number;
    p[j] = t;
  }
  return p;
}
