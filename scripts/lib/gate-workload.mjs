// A CPU-bound workload for the gate's evidence scripts: WORK × 1e7 integer multiply-add-modulo steps
// (WORK may be fractional, e.g. 6.6 for a 10 % regression of 6). Run in blocks of 1e6 so every value
// stays a small integer: time is then linear in WORK and steady between runs (a float matrix kernel
// varied ±15 % between identical runs with V8's tier-up timing, which would measure V8, not the gate).
// Prints its checksum so the loop cannot be optimised away. With MARK=1 the loop is a task window
// (start/stop lines in $CARBON_GATE_MARKERS_FILE, src/meter/task-window.ts): Node's start-up is left out.
import { appendFileSync } from 'node:fs';

const BLOCK = 1_000_000;
const markers = process.env.MARK === '1' ? process.env.CARBON_GATE_MARKERS_FILE : undefined;
const mark = (kind) =>
  markers && appendFileSync(markers, `${kind} ${(Number(process.hrtime.bigint()) / 1e9).toFixed(6)}\n`);

function block(x, steps) {
  for (let i = 0; i < steps; i++) x = (x + i * 7) % 1000003;
  return x;
}

const total = Math.round(Number(process.env.WORK ?? '1') * 1e7);
let x = 0;
mark('start');
for (let done = 0; done < total; done += BLOCK) x = block(x, Math.min(BLOCK, total - done));
mark('stop');
console.log(x);
