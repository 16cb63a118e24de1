import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findConfigPath, loadConfig } from '../../io/config-file.js';
import { writeReport } from '../../io/write-report.js';
import { UsageError } from '../../errors/usage-error.js';
import { applyGate } from '../../gate/apply.js';
import { abJob } from '../../gate/io/ab-job.js';
import { fileBaseline } from '../../gate/io/file-baseline.js';
import { resolveBudget } from '../../gate/resolve-budget.js';
import { renderTable } from '../../report/table.js';
import type { BenchmarkSpec } from '../../runner/types.js';
import { specsFromConfig } from '../../runner/specs-from-config.js';
import { exitCodeFor, EXIT } from '../exit-codes.js';
import { HELP } from '../help.js';
import { runJobAb } from '../job.js';
import { CARBON_FLAG_OPTIONS, parseCarbonFlags } from '../carbon-flags.js';
import { parseOptions } from '../parse-options.js';

/** The demo suite shipped in the package, used when no config is found. */
export const DEMO_CONFIG = fileURLToPath(new URL('../demo/carbon-gate.yml', import.meta.url));

export async function runCommand(args: string[]): Promise<number> {
  const { values } = parseOptions('run', args, {
    config: { type: 'string' },
    out: { type: 'string', default: '.carbon-gate' },
    ...CARBON_FLAG_OPTIONS,
    json: { type: 'boolean', default: false },
    baseline: { type: 'string' },
    ab: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP.run + '\n');
    return EXIT.ok;
  }
  const flags = parseCarbonFlags(values);
  if (values.baseline !== undefined && values.ab !== undefined)
    throw new UsageError('run: give --baseline FILE or --ab REF, not both');
  const found = findConfigPath(process.cwd(), values.config);
  if (values.ab !== undefined && !found)
    throw new UsageError('run: --ab needs a carbon-gate.yml in a git repository (found none here)');
  const notices: string[] = [];
  if (!found) notices.push('no carbon-gate.yml here: ran the built-in demo suite');
  const { config, dir, path: configPath } = await loadConfig(found ?? DEMO_CONFIG);
  const label = found ? path.relative(process.cwd(), path.resolve(found)) || found : 'built-in demo suite';
  const gated = values.baseline !== undefined || values.ab !== undefined;
  // Read before anything runs: a malformed baseline is exit 2 without minutes of benchmarks first.
  const fromFile = values.baseline !== undefined ? await fileBaseline(values.baseline).load() : null;
  const job = (abBase?: BenchmarkSpec[]) =>
    runJobAb({
      ...(abBase ? { abBase } : {}),
      specs: specsFromConfig(config, dir, { gated }),
      configLabel: label,
      region: { flag: flags.region, config: config.region },
      pue: config.pue,
      ...(config.powerProfile ? { profilePath: path.resolve(dir, config.powerProfile) } : {}),
      carbon: {
        pueFlag: flags.pue,
        intensity: {
          value: flags.intensity,
          sourceFlag: flags.source,
          sourceConfig: config.intensity?.source,
          zone: config.intensity?.zone,
          credentials: {
            electricityMapsToken: flags.electricityMapsToken,
            tokenEnv: config.intensity?.tokenEnv,
            usernameEnv: config.intensity?.usernameEnv,
            passwordEnv: config.intensity?.passwordEnv,
          },
        },
        embodied: config.embodied,
        projection: config.projection,
      },
      intervalS: config.meter.intervalS,
      benchOutput: process.stderr,
      prefixFor: (spec) => `[${spec.name}] `,
      progress: (m) => process.stderr.write(`carbon-gate: ${m}\n`),
      notices,
    });
  const { report: measured, baseline } =
    values.ab !== undefined
      ? await abJob(configPath, values.ab, job)
      : { report: (await job()).report, baseline: fromFile };
  const report = applyGate(measured, {
    budgetOf: (name) => resolveBudget(config.budget, config.benchmarks.find((b) => b.name === name)?.budget),
    ...(config.budget?.total ? { total: config.budget.total } : {}),
    baseline,
  });
  const file = await writeReport(report, values.out);
  if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(renderTable(report) + `Report: ${file}\n`);
  return exitCodeFor(report.verdict.status);
}
