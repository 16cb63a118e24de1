/**
 * A/A: how often does the gate fail when nothing changed? Measures PAIRS interleaved real runs of one
 * workload as both base and head (real meter), then judges GATES gates resampled from them with the default
 * settings (5 repeats, warn 5 % / fail 10 % on the interval's lower bound), paired (`run --ab`) and
 * independent (`--baseline`, `compare`). Run: npm run bench:gate-aa [-- pairs gates].
 */
import { DEFAULT_REGRESSION } from '../src/gate/types.js';
import {
  BASE_WORK,
  consecutiveGates,
  measurePairs,
  pct,
  ratioSpread,
  resampledGates,
} from './lib/gate-evidence.js';

const PAIRS = Number(process.argv[2] ?? 60);
const GATES = Number(process.argv[3] ?? 2000);

const t0 = Date.now();
const p = await measurePairs(BASE_WORK, BASE_WORK, PAIRS);
console.log(
  `A/A: ${PAIRS} interleaved pairs of the same workload, meter: ${p.meter}, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
);
console.log(ratioSpread(p));
for (const method of ['paired', 'independent'] as const) {
  const r = resampledGates(p, DEFAULT_REGRESSION, GATES, method);
  console.log(
    `${method}: ${GATES} resampled gates: false fail ${pct(r.fail, 2)}, false warn ${pct(r.warn, 2)} (target fail ≤ 1 %)`,
  );
}
const c = consecutiveGates(p, DEFAULT_REGRESSION);
console.log(`paired, as run (consecutive gates, no resampling): ${c.fails} of ${c.gates} failed`);
