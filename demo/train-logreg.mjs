// Training benchmark: logistic regression by SGD on synthetic data (fixed epochs: fixed work).
import { blobs } from './prng.mjs';

const N = 20000;
const D = 64;
const EPOCHS = Number(process.env.EPOCHS ?? 120);
const { x, y } = blobs(N, D, 42);
const w = new Float64Array(D);
let b = 0;
const lr = 0.05;
for (let e = 0; e < EPOCHS; e++) {
  for (let i = 0; i < N; i++) {
    let z = b;
    for (let d = 0; d < D; d++) z += w[d] * x[i * D + d];
    const g = 1 / (1 + Math.exp(-z)) - y[i];
    for (let d = 0; d < D; d++) w[d] -= lr * g * x[i * D + d];
    b -= lr * g;
  }
}
let correct = 0;
for (let i = 0; i < N; i++) {
  let z = b;
  for (let d = 0; d < D; d++) z += w[d] * x[i * D + d];
  if ((z > 0 ? 1 : 0) === y[i]) correct++;
}
console.log(`logreg: ${EPOCHS} epochs on ${N}×${D}, train accuracy ${(correct / N).toFixed(3)}`);
