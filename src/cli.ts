import { runCommand } from './cli/commands/run.js';
import { validateCommand } from './cli/commands/validate.js';
import { meterCommand } from './cli/commands/meter.js';
import { footprintCommand } from './cli/commands/footprint.js';
import { calibrateCommand } from './cli/commands/calibrate.js';
import { powerModelCommand } from './cli/commands/power-model.js';
import { compareCommand } from './cli/commands/compare.js';
import { whenCommand } from './cli/commands/when.js';
import { mergeCommand } from './cli/commands/merge.js';
import { exportCommand } from './cli/commands/export.js';
import { dashboardCommand } from './cli/commands/dashboard.js';
import { EXIT } from './cli/exit-codes.js';
import { HELP } from './cli/help.js';
import { VERSION } from './version.js';
import { isUserFacing } from './errors/carbon-gate-error.js';
import { ConfigError } from './errors/config-error.js';
import { RegionError } from './errors/region-error.js';
import { UsageError } from './errors/usage-error.js';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  run: runCommand,
  validate: validateCommand,
  meter: meterCommand,
  footprint: footprintCommand,
  calibrate: calibrateCommand,
  'power-model': powerModelCommand,
  compare: compareCommand,
  when: whenCommand,
  merge: mergeCommand,
  export: exportCommand,
  dashboard: dashboardCommand,
};

/**
 * Thin entry: dispatch, map errors to one line and an exit code, set the exit code once (never
 * process.exit: what is written to stdout and stderr is flushed first). `run` and `meter` hold SIGINT and
 * SIGTERM until the process exits (src/engine/shutdown.ts): the first stops the benchmarks and the report
 * is still written and printed (exit 3: the stopped benchmarks are errors), a second is ignored, a third
 * exits at once without the report (130 for SIGINT, 143 for SIGTERM).
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP.main + '\n');
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(VERSION + '\n');
    return EXIT.ok;
  }
  const handler = COMMANDS[command];
  if (!handler)
    throw new UsageError(`unknown command "${command}"; expected one of ${Object.keys(COMMANDS).join(', ')}`);
  return handler(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (isUserFacing(e)) {
    // A config's lines name their file already; the others get the tool's name.
    const lines = e instanceof RegionError ? [e.worded('--region')] : e.lines;
    const prefix = e instanceof ConfigError ? '' : 'carbon-gate: ';
    for (const line of lines) process.stderr.write(`${prefix}${line}\n`);
    process.exitCode = EXIT.usage;
  } else {
    const err = e instanceof Error ? e : new Error(String(e));
    const detail = process.env.CARBON_GATE_DEBUG ? err.stack : err.message;
    process.stderr.write(`carbon-gate: internal error: ${detail}\n`);
    process.exitCode = EXIT.benchmarkError;
  }
}
