/**
 * Fits the SPECpower wall-power model and writes the committed data/power-model.json and
 * data/specpower-cpus.json. Deterministic: same CSV in, same bytes out.
 *
 *   npm run fit:power-model [-- --shared DIR] [--model FILE] [--cpus FILE]
 *
 * Prints the nested cross-validated MAPE next to the published formulas' on the same rows/folds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fitPowerModel } from '../src/power-model/pipeline.js';
import { parseScriptArgs, readMachines, stableJson } from './lib/power-model-io.js';
import { printComparison } from './lib/power-model-report.js';

const args = parseScriptArgs(process.argv.slice(2));
const input = readMachines(args.shared);
const fit = fitPowerModel(input.servers, input);
for (const [file, value] of [
  [args.model, fit.file],
  [args.cpus, { source: input.source, inputSha256: input.inputSha256, cpus: fit.prepared.cpus }],
] as const) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, stableJson(value) + '\n');
}
printComparison(fit);
console.log(`\nselected: ${JSON.stringify(fit.file.hyperparameters)}`);
console.log(`wrote ${args.model} and ${args.cpus}`);
