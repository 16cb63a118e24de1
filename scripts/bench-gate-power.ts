/**
 * Power: how often does the gate catch a real regression? For each factor, measures `pairs` interleaved
 * real runs of the workload (base) and of the workload with its work scaled by the factor (head), then
 * resamples `gates` paired gates of 5 pairs (the default repeats) and counts failures at a 5 % threshold
 * and at the default 10 %. Prints the smallest regression detected in ≥ 90 % of gates.
 * With --adaptive CAP the gates are adaptive (5 pairs up to CAP, as `run --ab`).
 * Run: npm run bench:gate-power [-- --workload loop|mlp --work 100 --pairs 24 --gates 1000
 * --factors 1.05,1.1,1.25 --metric energy,task --adaptive 20].
 */
import { GATED_REPEAT } from '../src/gate/resolve-budget.js';
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

const { kind, work, pairs, gates, factors, metrics, adaptive } = evidenceArgs({
  pairs: 24,
  gates: 1000,
  factors: '1.05,1.075,1.1,1.15,1.25',
});
const TIERS = { '5 %': { fail: 0.05 }, '10 % (default)': { fail: 0.1 } };

const smallest: Record<string, number> = {};
const fixedS = kind === 'loop' ? await fixedCostS() : null;
console.log(
  `power: ${pairs} interleaved pairs per factor, ${gates} resampled paired gates of ${GATED_REPEAT} pairs${adaptive ? ` and ${gates} adaptive gates of ${GATED_REPEAT} up to ${adaptive} pairs` : ''}`,
);
for (const [i, f] of factors.entries()) {
  const p = await measurePairs(kind, work, work * f, pairs);
  if (i === 0) console.log(describeWorkload(kind, work, p, fixedS));
  console.log(foreignLoadLine(p));
  for (const metric of metrics) {
    // Fixed gates of 5 pairs, and with --adaptive the same pool judged by adaptive gates too.
    for (const mode of adaptive ? (['fixed', 'adaptive'] as const) : (['fixed'] as const)) {
      const rates = Object.entries(TIERS).map(([name, tier]) => {
        const seed = Math.round(f * 1000);
        const a = mode === 'adaptive' ? adaptiveGates(p, tier, gates, adaptive, seed, metric) : null;
        const r = a ?? resampledGates(p, tier, gates, 'paired', seed, metric);
        const used = a ? ` (pairs used median ${a.medianPairs}, p95 ${a.p95Pairs})` : '';
        const key = `${metric}, ${mode}, at ${name}`;
        if (r.fail >= 0.9 && !(key in smallest)) smallest[key] = f;
        return `fail at ${name}: ${pct(r.fail)}${used} (passes ${a ? 'at the cap, interval still across the limit' : 'flagged as too noisy to tell'}: ${pct(r.flaggedPass)} of gates)`;
      });
      const label = mode === 'adaptive' ? `adaptive 5–${adaptive} pairs` : `${GATED_REPEAT} pairs`;
      const asRun = mode === 'fixed' ? consecutiveGates(p, TIERS['5 %'], metric) : null;
      console.log(
        `work ×${f.toFixed(3)}, ${metric} (${p.meter}), ${label}: ${rates.join(', ')}${asRun ? `; as run at 5 %: ${asRun.fails} of ${asRun.gates}; ${ratioSpread(p, metric)}` : ''}`,
      );
    }
  }
}
for (const metric of metrics) {
  for (const mode of adaptive ? ['fixed', 'adaptive'] : ['fixed']) {
    for (const name of Object.keys(TIERS)) {
      const f = smallest[`${metric}, ${mode}, at ${name}`];
      console.log(
        `smallest work increase failed in ≥ 90 % of ${mode} gates on ${metric} at a ${name} threshold: ${f === undefined ? `none up to ×${factors.at(-1)}` : `+${((f - 1) * 100).toFixed(1)} %`}`,
      );
    }
  }
}
