import type { Writable } from 'node:stream';
import pkg from '../../package.json' with { type: 'json' };
import { resolveGridIntensity } from '../carbon/region.js';
import { UsageError } from '../errors/usage-error.js';
import { detectMachine } from '../meter/io/detect.js';
import { createEstimatorMeter } from '../meter/io/estimator-meter.js';
import { buildReport } from '../report/build.js';
import type { Report } from '../report/types.js';
import { runSuite } from '../runner/run-suite.js';
import { killAllGroups, spawnCommand } from '../runner/io/spawn-command.js';
import type { BenchmarkSpec } from '../runner/types.js';

export interface JobOptions {
  specs: BenchmarkSpec[];
  configLabel: string;
  region: { flag?: string; config?: string };
  pue?: number;
  intervalS: number;
  /** Where benchmark output goes, and the prefix of each line. */
  benchOutput: Writable;
  prefixFor(spec: BenchmarkSpec): string;
  progress(message: string): void;
  notices?: string[];
}

/** The main job: resolve the grid, detect the machine, run and meter every benchmark, build the report. */
export async function runJob(opts: JobOptions): Promise<Report> {
  const region = resolveGridIntensity({ ...opts.region, env: process.env.CARBON_GATE_REGION });
  if (!region.ok) throw new UsageError(region.message);
  const machine = detectMachine();
  const meter = createEstimatorMeter({
    profile: machine.profile,
    logicalCpus: machine.topology.logicalCpus,
    intervalS: opts.intervalS,
  });
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    killAllGroups();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const runs = await runSuite(opts.specs, {
      meter,
      runCommand: (spec, onPid) => spawnCommand(spec, opts.prefixFor(spec), opts.benchOutput, onPid),
      progress: opts.progress,
      interrupted: () => interrupted,
    });
    return buildReport({
      version: pkg.version,
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
      grid: region.grid,
      pue:
        opts.pue !== undefined
          ? { value: opts.pue, source: 'config' }
          : { value: 1, source: 'not set: data-centre overhead not counted; set `pue` in the config' },
      runs,
      notices: [
        ...(opts.notices ?? []),
        ...(interrupted ? ['interrupted: remaining benchmarks were not run'] : []),
      ],
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export const VERSION = pkg.version;
