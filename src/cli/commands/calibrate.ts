import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors/usage-error.js';
import { detectMachine } from '../../meter/io/detect.js';
import { detectRapl } from '../../meter/io/detect-rapl.js';
import { wrapSafeIntervalS } from '../../meter/rapl/interval.js';
import {
  busyAtRest,
  powerProfileFromSteps,
  type StepMeasurement,
} from '../../calibration/calibration-fit.js';
import { DEFAULT_STEP_S, DEFAULT_STEPS, planCalibration } from '../../calibration/calibration-plan.js';
import { raplCalibrationMachine } from '../../calibration/io/calibration-machine.js';
import { startLoadWorkers } from '../../calibration/io/load-workers.js';
import { runCalibration } from '../../calibration/run-calibration.js';
import { PowerProfileSchema } from '../../power-profile/schema.js';
import { percentFixed, watts } from '../../text/format-number.js';
import { parseDuration } from '../../units.js';
import { EXIT } from '../exit-codes.js';
import { parseOptions } from '../parse-options.js';

export const CALIBRATE_HELP = `carbon-gate calibrate — measure this machine's power curve with RAPL and write a power profile

Usage: carbon-gate calibrate [--out FILE] [--duration-per-step S] [--steps N]

Options:
  --out FILE               where the profile goes (default: runner-power.json)
  --duration-per-step S    how long each load step runs, e.g. 5, 5s or 1500ms (default: ${DEFAULT_STEP_S}s; the first
                           0.5 s of each step is discarded while power settles)
  --steps N                load steps from 0 to 100 %, evenly spaced (default: ${DEFAULT_STEPS}: 0, 10, …, 100 %)
  --help                   this text

Loads every logical CPU with duty-cycled worker threads and reads RAPL package (and DRAM) energy
at each step. Needs readable RAPL counters: run it on a machine like your CI runner, commit the
file and set \`powerProfile: ./runner-power.json\` in carbon-gate.yml; runners without RAPL then
use the profile instead of the generic estimator. Stop other work first: it counts as load.`;

const MIN_STEP_S = 0.2;
const MAX_STEP_S = 600;

function stepSeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_STEP_S;
  // A bare number is seconds here: the option's name says so.
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : parseDuration(value);
  if (seconds === null || seconds < MIN_STEP_S || seconds > MAX_STEP_S)
    throw new UsageError(
      `calibrate: --duration-per-step: expected a duration from 0.2s to 10m like 5 or 5s, found ${JSON.stringify(value)}`,
    );
  return seconds;
}

function stepCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_STEPS;
  const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 2 && n <= 101))
    throw new UsageError(
      `calibrate: --steps: expected a whole number from 2 to 101, found ${JSON.stringify(value)}`,
    );
  return n;
}

const say = (line: string) => process.stderr.write(`carbon-gate: calibrate: ${line}\n`);

export async function calibrateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions('calibrate', args, {
    out: { type: 'string', default: 'runner-power.json' },
    'duration-per-step': { type: 'string' },
    steps: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(CALIBRATE_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length > 0)
    throw new UsageError(
      `calibrate: unexpected argument ${JSON.stringify(positionals[0])} (see carbon-gate calibrate --help)`,
    );
  const stepS = stepSeconds(values['duration-per-step']);
  const steps = stepCount(values.steps);
  const rapl = detectRapl();
  if (!rapl.ok) throw new UsageError(`calibrate: needs readable RAPL energy counters: ${rapl.reason}`);
  for (const note of rapl.notes) say(`warning: ${note}`);

  const { topology } = detectMachine();
  const sampleS = wrapSafeIntervalS(
    0.5,
    rapl.zones.map((z) => ({ rangeUj: z.maxRangeUj, peakW: 0 })),
  );
  const plan = planCalibration(steps, stepS, sampleS);
  const workers = startLoadWorkers();
  say(
    `${steps} steps × ${stepS} s on ${workers.count} worker threads (about ${Math.ceil(steps * stepS)} s); ${rapl.basis[0]}`,
  );
  const machine = raplCalibrationMachine(rapl, workers);
  let results: StepMeasurement[];
  try {
    results = await runCalibration(machine, plan, (i, s) =>
      say(
        `[${i + 1}/${steps}] load ${percentFixed(s.target, 0)}: utilisation ${percentFixed(s.utilisation, 0)}, ${watts(s.cpuW, 1)}` +
          (s.dramW !== null ? ` + DRAM ${watts(s.dramW, 1)}` : ''),
      ),
    );
  } finally {
    await workers.stop();
  }
  for (const note of [...machine.notes(), busyAtRest(results) ?? []].flat()) say(`warning: ${note}`);

  const fit = powerProfileFromSteps(results, {
    measuredAt: new Date().toISOString(),
    cpuModel: topology.model,
    machine: `${process.platform}-${process.arch}, ${topology.logicalCpus} logical CPUs`,
  });
  if (!fit.ok) {
    say(fit.reason);
    return EXIT.benchmarkError;
  }
  // The file must load back: a profile the validator refuses would only fail later, in CI.
  const profile = PowerProfileSchema.parse(fit.profile);
  await writeFile(values.out, JSON.stringify(profile, null, 2) + '\n');
  const full = profile.loadW[profile.loadW.length - 1]!;
  const memory = profile.memoryW !== undefined ? `, memory ${watts(profile.memoryW, 1)}` : '';
  const scope = rapl.scope === 'psys' ? ' (psys: the whole platform)' : '';
  process.stdout.write(
    `wrote ${values.out}: idle ${watts(profile.idleW, 1)}, ${percentFixed(full.utilisation, 0)} load ${watts(full.watts, 1)}${memory}${scope}\n` +
      `commit it and set \`powerProfile: ./${path.relative(process.cwd(), path.resolve(values.out))}\` in carbon-gate.yml (the path is relative to the config file)\n`,
  );
  return EXIT.ok;
}
