import path from 'node:path';
import type { Config } from '../config/schema.js';
import { runEngine } from '../engine/run-engine.js';
import type { BaselineChoice, GatedReport } from '../engine/types.js';
import { BaseRevisionError } from '../errors/base-revision-error.js';
import type { Report } from '../report/types.js';
import { resolveBenchmarkUser } from './benchmark-user.js';
import { InputError } from './input-error.js';
import type { ActionInputs } from './inputs.js';

export interface EngineRun {
  report: GatedReport;
  config: Config;
  configPath: string;
}

/**
 * The Action's inputs as engine overrides: the benchmarks run under the Action's environment policy
 * (no token, inputs or workflow command files), their output goes to the job log.
 */
export async function runBenchmarks(
  inputs: ActionInputs,
  cwd: string,
  log: { info(m: string): void; warning(m: string): void },
  baseline: BaselineChoice,
  /** The commit measured (GITHUB_SHA), recorded in the report: the merge refuses shards of different commits. */
  commit?: Report['commit'],
): Promise<EngineRun> {
  const configPath = path.resolve(cwd, inputs.config);
  const line = (m: string) => log.info(`carbon-gate: ${m}`);
  const { report, config } = await runEngine({
    suite: { kind: 'config', path: configPath, label: path.relative(cwd, configPath) || configPath },
    overrides: {
      ...(inputs.region ? { region: inputs.region } : {}),
      credentials: {
        electricityMapsToken: inputs.electricityMapsToken,
        wattTimeUsername: inputs.wattTimeUsername,
        wattTimePassword: inputs.wattTimePassword,
      },
      baseline,
      benchEnv: 'action',
      ...(inputs.shard || inputs.benchmarks
        ? {
            select: {
              label: 'input benchmarks',
              ...(inputs.shard ? { shard: inputs.shard } : {}),
              ...(inputs.benchmarks ? { only: inputs.benchmarks } : {}),
            },
          }
        : {}),
      ...(commit ? { commit } : {}),
      ...(inputs.benchmarkUser ? { benchmarkUser: await resolveBenchmarkUser(inputs.benchmarkUser) } : {}),
    },
    sinks: {
      benchOutput: process.stdout,
      progress: line,
      note: line,
      warn: (m) => log.warning(`carbon-gate: ${m}`),
    },
  }).catch((e: unknown) => {
    if (e instanceof BaseRevisionError)
      throw new InputError(`baseline ab: base commit ${e.ref}: ${e.message}`);
    throw e;
  });
  return { report, config, configPath };
}
