/**
 * A/A: how often does the gate fail when nothing changed? Measures `pairs` interleaved real runs of one
 * workload as both base and head (real meter), then judges `gates` gates resampled from them with the
 * default settings (5 repeats, warn 5 % / fail 10 % on the interval's lower bound), paired (`run --ab`) and
 * independent (`--baseline`, `compare`), and also at a 5 % fail threshold (the power benchmark's).
 * With --adaptive CAP, also adaptive gates (5 pairs up to CAP, alpha spent over the looks, as `run --ab`).
 * Run: npm run bench:gate-aa [-- --workload loop|mlp --work 100 --pairs 40 --gates 2000 --metric energy,task
 * --adaptive 20].
 */
import { DEFAULT_REGRESSION } from '../src/gate/types.js';
import {
  adaptiveGates,
  consecutiveGates,
  foreignLoadLine,
  describeWorkload,
  fixedCostS,
  measurePairs,
  pct,
  ratioSpread,
  resampledGates,
} from './lib/gate-evidence.js';
import { evidenceArgs } from './lib/evidence-args.js';

const { kind, work, pairs, gates, metrics, adaptive } = evidenceArgs({ pairs: 40, gates: 2000 });
const t0 = Date.now();
const fixedS = kind === 'loop' ? await fixedCostS() : null;
const p = await measurePairs(kind, work, work, pairs);
console.log(
  `A/A: ${pairs} interleaved pairs of the same workload, meter: ${p.meter}, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
);
console.log(describeWorkload(kind, work, p, fixedS));
console.log(foreignLoadLine(p));
for (const metric of metrics) {
  console.log(`${metric}: ${ratioSpread(p, metric)}`);
  for (const [name, tier] of [
    ['default (warn 5 %, fail 10 %)', DEFAULT_REGRESSION],
    ['fail 5 %', { fail: 0.05 }],
  ] as const) {
    for (const method of ['paired', 'independent'] as const) {
      const r = resampledGates(p, tier, gates, method, 1, metric);
      console.log(
        `${metric}, ${name}, ${method}: ${gates} resampled gates: false fail ${pct(r.fail, 2)}, false warn ${pct(r.warn, 2)} (target fail ≤ 1 %)`,
      );
    }
  }
  if (adaptive) {
    for (const [name, tier] of [
      ['default (warn 5 %, fail 10 %)', DEFAULT_REGRESSION],
      ['fail 5 %', { fail: 0.05 }],
    ] as const) {
      const r = adaptiveGates(p, tier, gates, adaptive, 1, metric);
      console.log(
        `${metric}, ${name}, adaptive pairs 5–${adaptive}: ${gates} resampled gates: false fail ${pct(r.fail, 2)}, false warn ${pct(r.warn, 2)}; pairs used median ${r.medianPairs}, p95 ${r.p95Pairs}; cap reached ${pct(r.capped)} (target fail ≤ 1 %)`,
      );
    }
  }
  const c = consecutiveGates(p, DEFAULT_REGRESSION, metric);
  console.log(
    `${metric}, paired, as run (consecutive gates, no resampling): ${c.fails} of ${c.gates} failed`,
  );
}
