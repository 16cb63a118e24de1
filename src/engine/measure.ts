import type { Writable } from 'node:stream';
import type { EmbodiedConfig } from '../carbon/embodied.js';
import { resolveCarbon, type CarbonInputs } from '../carbon/io/resolve-carbon.js';
import type { ProjectionConfig } from '../carbon/projection.js';
import { runAb } from '../gate/ab-run.js';
import type { ResolvedBudget } from '../gate/types.js';
import { selectMeter } from '../meter/io/select-meter.js';
import { buildReport } from '../report/build.js';
import type { TrackAttach } from '../meter/types.js';
import type { Report } from '../report/types.js';
import { killAllGroups, spawnCommand } from '../runner/io/spawn-command.js';
import { runSuite } from '../runner/run-suite.js';
import type { BenchmarkRun, BenchmarkSpec } from '../runner/types.js';
import { abJudge } from './adaptive-judge.js';
import { holdSignals, interrupted } from './shutdown.js';
import { VERSION } from '../version.js';

/** What one measurement needs; assembled by run-engine.ts only, from the config and the overrides. */
export interface MeasureOptions {
  specs: BenchmarkSpec[];
  configLabel: string;
  carbon: Omit<CarbonInputs, 'env'> & { projection?: ProjectionConfig; embodied?: EmbodiedConfig };
  intervalS: number;
  /** The config's power profile, resolved against the config's directory. */
  profilePath?: string;
  /** Where benchmark output goes, and the prefix of each line. */
  benchOutput: Writable;
  prefixFor(spec: BenchmarkSpec): string;
  progress(message: string): void;
  note(message: string): void;
  warn(message: string): void;
  notices: string[];
  /** The environment benchmarks inherit (bench-env.ts). */
  benchEnv: NodeJS.ProcessEnv;
  /** The user and group benchmarks run as (default: ours). */
  runAs?: { uid: number; gid: number };
  /** Paired A/B: the base commit's benchmarks, run interleaved with `specs` (src/gate/ab-run.ts). */
  abBase?: BenchmarkSpec[];
  /** Paired A/B: each benchmark's budget, as the final gate gets it; with it, adaptive pairs may be added. */
  budgetOf?: (name: string) => ResolvedBudget | undefined;
}

/**
 * Resolve the grid, detect the machine, run and meter every benchmark, build the report (ungated); with
 * `abBase`, also the base side's report (same meter, grid and machine).
 */
export async function measure(opts: MeasureOptions): Promise<{ report: Report; base?: Report }> {
  // Before any benchmark runs: an unknown region is exit 2, and the live fetch happens once per run.
  const carbon = await resolveCarbon({
    ...opts.carbon,
    // Only training benchmarks get a cleaner-when hint: no forecast fetch without one.
    forecast: opts.specs.some((s) => s.kind === 'training'),
    env: process.env,
  });
  for (const w of carbon.warnings) opts.warn(w);
  const {
    meter,
    machine,
    notes: meterNotes,
  } = await selectMeter({
    intervalS: opts.intervalS,
    profilePath: opts.profilePath,
    env: opts.benchEnv,
  });
  for (const n of meterNotes) opts.note(n);
  // A signal kills the running benchmarks; the report is still built (the CLI holds on until it is
  // written). A second is ignored, a third exits: shutdown.ts.
  const releaseSignals = holdSignals(() => killAllGroups());
  try {
    const deps = {
      meter,
      spawnBenchmark: (spec: BenchmarkSpec, onPid: (pid: number, attach?: TrackAttach) => void) =>
        spawnCommand(spec, {
          prefix: opts.prefixFor(spec),
          output: opts.benchOutput,
          onPid,
          env: opts.benchEnv,
          ...(opts.runAs ? { runAs: opts.runAs } : {}),
        }),
      progress: opts.progress,
      interrupted,
    };
    const build = (runs: BenchmarkRun[]) =>
      buildReport({
        version: VERSION,
        createdAt: new Date().toISOString(),
        config: opts.configLabel,
        machine: {
          platform: `${process.platform}-${process.arch}`,
          cpuModel: machine.topology.model,
          logicalCpus: machine.topology.logicalCpus,
          memoryGb: Number((machine.memoryBytes / 1024 ** 3).toFixed(2)),
          virtualised: machine.topology.virtualised,
        },
        meter: meter.describe(),
        grid: carbon.grid,
        pue: { value: carbon.pue.value, source: carbon.pue.source },
        embodied: carbon.embodied.model,
        ...(opts.carbon.projection ? { projection: opts.carbon.projection } : {}),
        ...(carbon.forecast ? { forecast: carbon.forecast } : {}),
        runs,
        notices: [
          ...meterNotes,
          ...carbon.pue.notices,
          ...carbon.embodied.notices,
          ...opts.notices,
          ...(interrupted() ? ['interrupted: remaining benchmarks were not run'] : []),
        ],
      });
    const ab = opts.abBase
      ? await runAb(opts.specs, opts.abBase, {
          ...deps,
          // Adaptive pairs: each look gated like the final verdict (adaptive-judge.ts).
          ...(opts.budgetOf ? { judge: abJudge(build, opts.budgetOf) } : {}),
          spawnBaseBenchmark: (spec, onPid) =>
            spawnCommand(spec, {
              prefix: `[base ${spec.name}] `,
              output: opts.benchOutput,
              onPid,
              env: opts.benchEnv,
              ...(opts.runAs ? { runAs: opts.runAs } : {}),
            }),
        })
      : null;
    const runs = ab ? ab.head : await runSuite(opts.specs, deps);
    return { report: build(runs), ...(ab ? { base: build(ab.base) } : {}) };
  } finally {
    releaseSignals();
  }
}
