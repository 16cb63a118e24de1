import path from 'node:path';
import type { Config } from '../config/schema.js';
import { applyGate } from '../gate/apply.js';
import type { BaselineData } from '../gate/baseline.js';
import { fileBaseline } from '../gate/io/file-baseline.js';
import { resolveBudget } from '../gate/resolve-budget.js';
import { loadConfig } from '../io/config-file.js';
import { DEFAULT_INTERVAL_S } from '../meter/defaults.js';
import { shellQuote } from '../runner/shell-quote.js';
import { selectSpecs, stampRun } from './select.js';
import { specsFromConfig } from '../runner/specs-from-config.js';
import type { BenchmarkSpec } from '../runner/types.js';
import { withAbBase } from './io/ab-base.js';
import { benchmarkEnv } from './bench-env.js';
import { measure, type MeasureOptions } from './measure.js';
import type {
  BenchmarkUser,
  ConfigSuite,
  EngineOverrides,
  EngineRequest,
  EngineResult,
  EngineSinks,
} from './types.js';

/**
 * The one job behind `run`, `meter`, `run --ab` and the Action: (suite, overrides) → a gated report.
 * Everything a user can get wrong (config, baseline file, base revision, region) fails before the first
 * benchmark runs where it can be known then.
 */
export async function runEngine(req: EngineRequest & { suite: ConfigSuite }): Promise<Required<EngineResult>>;
export async function runEngine(req: EngineRequest): Promise<EngineResult>;
export async function runEngine(req: EngineRequest): Promise<EngineResult> {
  const { suite, overrides: o, sinks } = req;
  const baselineChoice = o.baseline ?? { kind: 'none' };
  if (suite.kind === 'command') {
    const options = commandOptions(suite.argv, suite.cwd, o, sinks);
    const settings = suite.config ? await loadConfig(suite.config.path) : undefined;
    const measured = await measure(
      settings && suite.config
        ? {
            ...configOptions(settings.config, settings.dir, suite.config.label, o, sinks),
            specs: options.specs,
          }
        : options,
    );
    return { report: applyGate(measured.report, { budgetOf: () => undefined, baseline: null }) };
  }
  const { config, dir } = await loadConfig(suite.path);
  // Read before anything runs: a malformed baseline is exit 2 without minutes of benchmarks first.
  const fromFile = baselineChoice.kind === 'file' ? await fileBaseline(baselineChoice.path).load() : null;
  const gated = baselineChoice.kind !== 'none';
  // A matrix job's part of the suite: chosen before anything runs, so an unknown name is exit 2 at once.
  const specs = selectSpecs(
    specsFromConfig(config, dir, { gated, ab: baselineChoice.kind === 'ab' }),
    o.select,
    suite.label,
  );
  const budgetOf = (name: string) => {
    const own = config.benchmarks.find((b) => b.name === name);
    return resolveBudget(config.budget, own?.budget, own?.quality ?? config.quality);
  };
  const optionsFor = (abBase?: BenchmarkSpec[]): MeasureOptions => ({
    ...configOptions(config, dir, suite.label, o, sinks),
    specs,
    // A/B: adaptive pairs judge each look with the budgets the final gate below uses.
    ...(abBase ? { abBase: abBase.filter((b) => specs.some((s) => s.name === b.name)), budgetOf } : {}),
  });
  let baseline: BaselineData | null = fromFile;
  let measured;
  if (baselineChoice.kind === 'ab') {
    // A base benchmark run as benchmark-user may write into its tree, as a head benchmark can.
    const ab = await withAbBase(suite.path, baselineChoice.ref, (abBase) => measure(optionsFor(abBase)), {
      ...(o.benchmarkUser ? { owner: o.benchmarkUser } : {}),
    });
    measured = ab.report;
    baseline = ab.baseline;
  } else {
    measured = (await measure(optionsFor())).report;
    if (baselineChoice.kind === 'history') baseline = baselineChoice.data;
  }
  const report = applyGate(measured, {
    budgetOf,
    ...(config.budget?.total ? { total: config.budget.total } : {}),
    baseline,
  });
  return { report: stampRun(report, o, specs), config };
}

/** Everything but the benchmarks, from a config: the overrides beat the config key by key. */
function configOptions(
  config: Config,
  dir: string,
  label: string,
  o: EngineOverrides,
  sinks: EngineSinks,
): Omit<MeasureOptions, 'specs'> {
  const i = config.intensity;
  return {
    configLabel: label,
    carbon: {
      region: { flag: o.region, config: config.region },
      pue: { flag: o.pue, config: config.pue },
      intensity: {
        value: o.intensity,
        sourceFlag: o.intensitySource,
        sourceConfig: i?.source,
        zone: i?.zone,
        method: i?.method,
        credentials: {
          ...o.credentials,
          tokenEnv: i?.tokenEnv,
          usernameEnv: i?.usernameEnv,
          passwordEnv: i?.passwordEnv,
        },
      },
      embodied: config.embodied,
      projection: config.projection,
    },
    intervalS: config.meter.intervalS,
    ...(config.powerProfile ? { profilePath: path.resolve(dir, config.powerProfile) } : {}),
    ...sinkOptions(sinks, o, [i?.tokenEnv, i?.usernameEnv, i?.passwordEnv]),
  };
}

/** `meter -- CMD`: one command, one repeat, no timeout, like time(1); no config, so no budgets. */
function commandOptions(argv: string[], cwd: string, o: EngineOverrides, sinks: EngineSinks): MeasureOptions {
  return {
    specs: [
      {
        name: path.basename(argv[0] ?? 'command'),
        kind: 'other',
        run: shellQuote(argv),
        cwd,
        env: {},
        repeat: 1,
        warmup: 0,
        timeoutS: Infinity,
      },
    ],
    configLabel: 'command line',
    carbon: {
      region: { flag: o.region },
      pue: { flag: o.pue },
      intensity: { value: o.intensity, sourceFlag: o.intensitySource, credentials: { ...o.credentials } },
    },
    intervalS: DEFAULT_INTERVAL_S,
    ...sinkOptions(sinks, o, []),
  };
}

function sinkOptions(
  sinks: EngineSinks,
  o: EngineOverrides,
  credentialEnvs: (string | undefined)[],
): Pick<
  MeasureOptions,
  'benchOutput' | 'prefixFor' | 'progress' | 'note' | 'warn' | 'notices' | 'benchEnv' | 'runAs'
> {
  const prefix = sinks.prefix ?? ((name: string) => `[${name}] `);
  return {
    benchOutput: sinks.benchOutput,
    prefixFor: (spec) => prefix(spec.name),
    progress: sinks.progress,
    note: sinks.note,
    warn: sinks.warn,
    notices: o.notices ?? [],
    benchEnv: asUser(benchmarkEnv(process.env, o.benchEnv, credentialEnvs), o.benchmarkUser),
    ...(o.benchmarkUser ? { runAs: { uid: o.benchmarkUser.uid, gid: o.benchmarkUser.gid } } : {}),
  };
}

/** A benchmark run as another user gets that user's identity and home, not ours. */
function asUser(env: NodeJS.ProcessEnv, user: BenchmarkUser | undefined): NodeJS.ProcessEnv {
  return user ? { ...env, HOME: user.home, USER: user.name, LOGNAME: user.name } : env;
}
