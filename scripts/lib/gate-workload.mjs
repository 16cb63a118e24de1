// A CPU-bound workload for the gate's evidence scripts: WORK × 1e7 integer multiply-add-modulo steps
// (WORK may be fractional, e.g. 6.6 for a 10 % regression of 6). Run in blocks of 1e6 so every value
// stays a small integer: time is then linear in WORK and steady between runs (a float matrix kernel
// varied ±15 % between identical runs with V8's tier-up timing, which would measure V8, not the gate).
// Prints its checksum so the loop cannot be optimised away.
const BLOCK = 1_000_000;

function block(x, steps) {
  for (let i = 0; i < steps; i++) x = (x + i * 7) % 1000003;
  return x;
}

const total = Math.round(Number(process.env.WORK ?? '1') * 1e7);
let x = 0;
for (let done = 0; done < total; done += BLOCK) x = block(x, Math.min(BLOCK, total - done));
console.log(x);
