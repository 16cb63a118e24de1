// Inference benchmark: 5-nearest-neighbour classification of held-out queries (brute force).
import { blobs } from './prng.mjs';

const N = 20000;
const D = 32;
const Q = Number(process.env.QUERIES ?? 500);
const K = 5;
const train = blobs(N, D, 7);
const test = blobs(Q, D, 8);
let correct = 0;
const dist = new Float64Array(N);
for (let q = 0; q < Q; q++) {
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let d = 0; d < D; d++) {
      const diff = train.x[i * D + d] - test.x[q * D + d];
      s += diff * diff;
    }
    dist[i] = s;
  }
  // Partial selection of the K smallest: O(N·K) instead of a full sort.
  const best = [];
  for (let i = 0; i < N; i++) {
    if (best.length < K || dist[i] < dist[best[best.length - 1]]) {
      best.push(i);
      best.sort((a, b) => dist[a] - dist[b]);
      if (best.length > K) best.pop();
    }
  }
  const votes = best.reduce((v, i) => v + train.y[i], 0);
  if ((votes > K / 2 ? 1 : 0) === test.y[q]) correct++;
}
console.log(`knn: ${Q} queries against ${N}×${D}, accuracy ${(correct / Q).toFixed(3)}`);
