import path from 'node:path';
import { runEngine } from '../../engine/run-engine.js';
import { findConfigPath } from '../../io/config-file.js';
import { holdSignals } from '../../engine/shutdown.js';
import { UsageError } from '../../errors/usage-error.js';
import { prepareOutDir, reason, shownPath } from '../../io/out-dir.js';
import { writeReportFile } from '../../io/write-report.js';
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
    config: { type: 'string' },
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
  // Region, PUE, intensity and the meter's settings of the carbon-gate.yml here (or --config), like run;
  // its benchmarks and budgets are not used.
  const found = findConfigPath(process.cwd(), values.config);
  const config = found
    ? { kind: 'config' as const, path: found, label: path.relative(process.cwd(), found) || found }
    : undefined;
  if (config)
    process.stderr.write(
      `carbon-gate: carbon settings (region, PUE, intensity, meter) from ${config.label}\n`,
    );
  // Before the command runs: an --out that cannot take the report is exit 2 now, not afterwards.
  if (values.out !== undefined) await prepareOutDir(values.out);
  // Never released: a first signal stops the command and the report is still written and printed, a
  // second is ignored, a third exits (src/engine/shutdown.ts).
  holdSignals();
  const measured = await runEngine({
    suite: { kind: 'command', argv, cwd: process.cwd(), ...(config ? { config } : {}) },
    overrides: { ...carbonOverrides(flags), benchEnv: 'local' },
    sinks: cliSinks(values.json ? process.stderr : process.stdout, { progress: false, prefix: false }),
  });
  const out = values.out;
  let report = measured.report;
  let failed: string | undefined;
  if (out !== undefined) {
    try {
      report = (await writeReportFile(report, out)).report;
    } catch (e) {
      failed = `--out ${shownPath(out)}: could not write the report (${reason(e)})`;
    }
  }
  const json = JSON.stringify(report, null, 2) + '\n';
  if (values.json) process.stdout.write(json);
  else process.stderr.write(renderTable(report));
  if (failed === undefined) return exitCodeFor(report.verdict.status);
  // Nothing measured is lost: the whole report is printed (stdout is the command's, so stderr), then one
  // error line.
  if (!values.json) process.stderr.write(json);
  const where = values.json ? 'stdout' : 'stderr';
  process.stderr.write(`carbon-gate: ${failed}; it is on ${where} instead\n`);
  return EXIT.benchmarkError;
}
