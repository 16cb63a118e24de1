import { runEngine } from '../../engine/run-engine.js';
import { UsageError } from '../../errors/usage-error.js';
import { writeReport } from '../../io/write-report.js';
import { renderTable } from '../../report/table.js';
import { CARBON_FLAG_OPTIONS, carbonOverrides, parseCarbonFlags } from '../carbon-flags.js';
import { cliSinks } from '../engine-sinks.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { HELP } from '../help.js';
import { parseOptions } from '../parse-options.js';

/** `carbon-gate meter -- CMD ARGS…`: one command, one repeat, no timeout, like time(1). */
export async function meterCommand(args: string[]): Promise<number> {
  const dashdash = args.indexOf('--');
  const own = dashdash < 0 ? args : args.slice(0, dashdash);
  const command = dashdash < 0 ? [] : args.slice(dashdash + 1);
  const { values, positionals } = parseOptions('meter', own, {
    ...CARBON_FLAG_OPTIONS,
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP.meter + '\n');
    return EXIT.ok;
  }
  const flags = parseCarbonFlags(values);
  const argv = [...positionals, ...command];
  if (argv.length === 0)
    throw new UsageError(
      'meter: expected a command after --, found nothing (carbon-gate meter -- CMD ARGS…)',
    );
  const { report } = await runEngine({
    suite: { kind: 'command', argv, cwd: process.cwd() },
    overrides: { ...carbonOverrides(flags), benchEnv: 'local' },
    sinks: cliSinks(values.json ? process.stderr : process.stdout, { progress: false, prefix: false }),
  });
  if (values.out) await writeReport(report, values.out);
  if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stderr.write(renderTable(report));
  return exitCodeFor(report.verdict.status);
}
