import path from 'node:path';
import { loadConfig } from '../io/config-file.js';
import { runJobAb } from '../cli/job.js';
import { abJob } from '../gate/io/ab-job.js';
import type { BenchmarkSpec } from '../runner/types.js';
import type { Report } from '../report/types.js';
import { specsFromConfig } from '../runner/specs-from-config.js';
import type { Config } from '../config/schema.js';
import { applyGate } from '../gate/apply.js';
import type { BaselineData } from '../gate/baseline.js';
import { resolveBudget } from '../gate/resolve-budget.js';
import { benchmarkEnv } from './bench-env.js';
import type { ActionInputs } from './inputs.js';

export interface EngineRun {
  report: Report | ReturnType<typeof applyGate<Report>>;
  config: Config;
  configPath: string;
}

/**
 * The CLI's engine (runJob) as `carbon-gate run` calls it, with the action's inputs in place of flags and
 * an environment without tokens for the benchmarks. The one place the gate's budgets and baselines plug in.
 */
export async function runEngine(
  inputs: ActionInputs,
  cwd: string,
  log: { info(m: string): void },
  baseline: BaselineData | null = null,
  /** baseline: ab — the PR's base commit, run interleaved with the head in this job. */
  abRef?: string,
): Promise<EngineRun> {
  const configPath = path.resolve(cwd, inputs.config);
  const { config, dir } = await loadConfig(configPath);
  const i = config.intensity;
  // The engine reads WattTime credentials from env names; the inputs fill them for this process only
  // (benchmarkEnv strips them again).
  const setEnv = (name: string, value: string | undefined) => value && (process.env[name] = value);
  setEnv(i?.usernameEnv ?? 'CARBON_GATE_WATTTIME_USERNAME', inputs.wattTimeUsername);
  setEnv(i?.passwordEnv ?? 'CARBON_GATE_WATTTIME_PASSWORD', inputs.wattTimePassword);
  const job = (abBase?: BenchmarkSpec[]) =>
    runJobAb({
      ...(abBase ? { abBase } : {}),
      specs: specsFromConfig(config, dir, { gated: abRef !== undefined }),
      configLabel: path.relative(cwd, configPath) || configPath,
      region: { flag: inputs.region, config: config.region },
      pue: config.pue,
      ...(config.powerProfile ? { profilePath: path.resolve(dir, config.powerProfile) } : {}),
      carbon: {
        intensity: {
          sourceConfig: i?.source,
          zone: i?.zone,
          credentials: {
            electricityMapsToken: inputs.electricityMapsToken,
            tokenEnv: i?.tokenEnv,
            usernameEnv: i?.usernameEnv,
            passwordEnv: i?.passwordEnv,
          },
        },
        embodied: config.embodied,
        projection: config.projection,
      },
      intervalS: config.meter.intervalS,
      benchOutput: process.stdout,
      prefixFor: (spec) => `[${spec.name}] `,
      progress: (m) => log.info(`carbon-gate: ${m}`),
      benchEnv: benchmarkEnv(process.env, [i?.tokenEnv, i?.usernameEnv, i?.passwordEnv]),
    });
  const ab = abRef !== undefined ? await abJob(configPath, abRef, job) : null;
  const measured = ab ? ab.report : (await job()).report;
  if (ab) baseline = ab.baseline;
  // The history baseline (the PR base's record) comes from the caller; ab's from the interleaved run.
  const report = applyGate(measured, {
    budgetOf: (name) => resolveBudget(config.budget, config.benchmarks.find((b) => b.name === name)?.budget),
    ...(config.budget?.total ? { total: config.budget.total } : {}),
    baseline,
  });
  return { report, config, configPath };
}
