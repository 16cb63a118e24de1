/**
 * Re-evaluates the committed power model against the published formulas with the fit's own
 * protocol (refitting per fold with the same code), and prints the breakdowns behind the claims in
 * docs/power-model.md: per architecture, per load level, residual quantiles and band coverage,
 * unseen-CPU (grouped) folds, other fold seeds, and GitHub's ubuntu-latest runner.
 *
 *   npm run bench:power-model [-- --shared DIR] [--model FILE]
 */
import { readFileSync } from 'node:fs';
import { teadsFractionOfTdp } from '../src/meter/teads.js';
import { fitPowerModel } from '../src/power-model/pipeline.js';
import { nestedCv } from '../src/power-model/nested-cv.js';
import { assignFolds } from '../src/power-model/prng.js';
import { PROTOCOL } from '../src/power-model/protocol.js';
import { estimateVmWatts, VM_MEMORY_W_PER_GB } from '../src/power-model/vm.js';
import { perArchitecture, perLevel, residualQuantiles } from './lib/power-model-breakdown.js';
import { parseScriptArgs, readMachines, stableJson } from './lib/power-model-io.js';
import { printComparison, table } from './lib/power-model-report.js';

const args = parseScriptArgs(process.argv.slice(2));
const input = readMachines(args.shared);
const fit = fitPowerModel(input.servers, input);
const { examples } = fit.prepared;
const committed = readFileSync(args.model, 'utf8');
const same = committed === stableJson(fit.file) + '\n';
console.log(
  `committed ${args.model}: ${same ? 'reproduced byte for byte by this refit' : 'DIFFERS from a refit (run npm run fit:power-model)'}`,
);
console.log(
  `hyperparameters: ${JSON.stringify(fit.file.hyperparameters)}; chosen per outer fold: ${fit.nested.chosen.map((h) => `λ${h.lambda}/k${h.k}/bw${h.bandwidth}/n${h.namePenalty}/v${h.vendorPenalty}`).join(', ')}\n`,
);
printComparison(fit);

const teads = fit.formulas[0]!.predictions;
console.log('\nPer architecture (nested out-of-fold predictions):');
console.log(perArchitecture(examples, fit.nested.predictions, teads));
console.log('\nPer load level:');
console.log(perLevel(examples, fit.nested.predictions, teads));
console.log('\nResiduals used for the uncertainty band:');
console.log(residualQuantiles(examples, fit.nested.predictions));
const b = fit.file.band;
console.log(
  `band = prediction × [${b.lowRatio}, ${b.highRatio}] (10th/90th percentiles): covers ${(b.coverage * 100).toFixed(1)} % of out-of-fold server-levels;` +
    ` built inside each outer fold from inner folds only, it covered ${(b.nestedCoverage * 100).toFixed(1)} % of the held-out ones`,
);

// Stress tests: every server of a CPU held out together, and other fold seeds.
const opts = {
  innerFolds: PROTOCOL.folds,
  innerSeed: PROTOCOL.innerSeed,
  bandQuantiles: PROTOCOL.bandQuantiles,
};
const keys = [...new Set(examples.map((e) => e.machine.key))].sort();
const keyFold = new Map(keys.map((k, i) => [k, assignFolds(keys.length, PROTOCOL.folds, PROTOCOL.seed)[i]!]));
const grouped = nestedCv(
  examples,
  examples.map((e) => keyFold.get(e.machine.key)!),
  fit.grid,
  opts,
);
console.log(
  `\nUnseen CPUs (${keys.length} CPU names dealt to 5 folds, all servers of a CPU in one fold): nested MAPE ${grouped.mapePct.toFixed(1)} % (folds ${grouped.foldMapePct.map((v) => v.toFixed(1)).join(', ')})`,
);
const seeds = [1, 2, 3].map(
  (s) => nestedCv(examples, assignFolds(examples.length, PROTOCOL.folds, s), fit.grid, opts).mapePct,
);
console.log(`Other fold seeds (1, 2, 3): nested MAPE ${seeds.map((v) => v.toFixed(2)).join(' %, ')} %`);

// GitHub-hosted ubuntu-latest: 4 vCPU of a 64-core, 128-thread EPYC 7763 (280 W), 16 GB.
const host = {
  cpuModel: 'AMD EPYC 7763 64-Core Processor',
  sockets: 1,
  cores: 64,
  threads: 128,
  tdpWattsPerSocket: 280,
};
const eco = [1.76, 3.62, 5.16, 8.18];
const rows = [0, 0.1, 0.5, 1].map((u, i) => {
  const e = estimateVmWatts({ host, vcpus: 4, vmMemoryGb: 16 }, u);
  const teadsW = 280 * (4 / 128) * teadsFractionOfTdp(u);
  return [
    `${u * 100} %`,
    e.watts.toFixed(2),
    `${e.lowW.toFixed(2)}–${e.highW.toFixed(2)}`,
    eco[i]!.toFixed(2),
    teadsW.toFixed(2),
    (teadsW + 16 * VM_MEMORY_W_PER_GB).toFixed(2),
  ];
});
console.log('\nubuntu-latest (4 of 128 threads of a 1-socket EPYC 7763, 16 GB), W:');
console.log(table(['CPU load', 'this model', 'band', 'Eco CI', 'Teads share', 'Teads + 0.392 W/GB'], rows));
console.log(
  estimateVmWatts({ host, vcpus: 4, vmMemoryGb: 16 }, 0)
    .basis.map((l) => `  - ${l}`)
    .join('\n'),
);
