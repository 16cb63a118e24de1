/**
 * Power: how often does the gate catch a real regression? For each factor, measures PAIRS interleaved real
 * runs of the workload (base) and the workload with its work scaled by the factor (head), then resamples
 * GATES paired gates of 5 pairs (the default repeats) and counts failures at a 5 % threshold and at the
 * default 10 %. Prints the smallest regression detected in ≥ 90 % of gates.
 * Run: npm run bench:gate-power [-- pairs gates].
 */
import { BASE_WORK, measurePairs, pct, ratioSpread, resampledGates } from './lib/gate-evidence.js';

const PAIRS = Number(process.argv[2] ?? 30);
const GATES = Number(process.argv[3] ?? 1000);
const FACTORS = [1.02, 1.04, 1.06, 1.08, 1.1, 1.15, 1.25];
const TIERS = { '5 %': { fail: 0.05 }, '10 % (default)': { fail: 0.1 } };

const smallest: Record<string, number | null> = { '5 %': null, '10 % (default)': null };
console.log(`power: ${PAIRS} interleaved pairs per factor, ${GATES} resampled paired gates of 5 pairs each`);
for (const f of FACTORS) {
  const p = await measurePairs(BASE_WORK, BASE_WORK * f, PAIRS);
  const rates = Object.entries(TIERS).map(([name, tier]) => {
    const rate = resampledGates(p, tier, GATES, 'paired', Math.round(f * 1000)).fail;
    if (rate >= 0.9 && smallest[name] === null) smallest[name] = f;
    return `fail at ${name}: ${pct(rate)}`;
  });
  console.log(`work ×${f.toFixed(2)} (${p.meter}): ${rates.join(', ')}; ${ratioSpread(p)}`);
}
for (const [name, f] of Object.entries(smallest)) {
  console.log(
    `smallest work increase failed in ≥ 90 % of gates at a ${name} threshold: ${f === null ? `none up to ×${FACTORS.at(-1)}` : `+${((f - 1) * 100).toFixed(0)} %`}`,
  );
}
