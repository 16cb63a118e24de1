// A CPU-bound workload for the gate's evidence scripts: WORK × 1e7 additions (WORK may be fractional,
// e.g. 1.1 for a 10 % regression). Prints its checksum so the loop cannot be optimised away.
const n = Math.round(Number(process.env.WORK ?? '1') * 1e7 * Number(process.env.SCALE ?? '1'));
let x = 0;
for (let i = 0; i < n; i++) x = (x + i * 7) % 1000003;
console.log(x);
