import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findConfigPath, loadConfig } from '../../io/config-file.js';
import { writeReport } from '../../io/write-report.js';
import { renderTable } from '../../report/table.js';
import { specsFromConfig } from '../../runner/specs-from-config.js';
import { exitCodeFor, EXIT } from '../exit-codes.js';
import { HELP } from '../help.js';
import { runJob } from '../job.js';
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
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP.run + '\n');
    return EXIT.ok;
  }
  const flags = parseCarbonFlags(values);
  const found = findConfigPath(process.cwd(), values.config);
  const notices: string[] = [];
  if (!found) notices.push('no carbon-gate.yml here: ran the built-in demo suite');
  const { config, dir } = await loadConfig(found ?? DEMO_CONFIG);
  const label = found ? path.relative(process.cwd(), path.resolve(found)) || found : 'built-in demo suite';
  const report = await runJob({
    specs: specsFromConfig(config, dir),
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
  const file = await writeReport(report, values.out);
  if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(renderTable(report) + `Report: ${file}\n`);
  return exitCodeFor(report.verdict.status);
}
