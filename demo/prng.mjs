// Small seeded PRNG (mulberry32) so every run does exactly the same work.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two Gaussian-ish blobs in `dims` dimensions, labels 0/1. */
export function blobs(n, dims, seed) {
  const rand = mulberry32(seed);
  const x = new Float64Array(n * dims);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    y[i] = label;
    for (let d = 0; d < dims; d++) {
      const noise = rand() + rand() + rand() - 1.5;
      x[i * dims + d] = noise + (label ? 0.08 : -0.08) * (d % 3 === 0 ? 1 : 0.2);
    }
  }
  return { x, y };
}
