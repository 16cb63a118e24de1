import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEngine } from '../../engine/run-engine.js';
import { holdSignals } from '../../engine/shutdown.js';
import type { BaselineChoice } from '../../engine/types.js';
import { UsageError } from '../../errors/usage-error.js';
import { findConfigPath } from '../../io/config-file.js';
import { headCommit } from '../../io/head-commit.js';
import { prepareOutDir, reason, shownPath } from '../../io/out-dir.js';
import { writeReportFile } from '../../io/write-report.js';
import { paretoChart } from '../../report/pareto.js';
import { PARETO_FILE, paretoSvg } from '../../report/pareto-svg.js';
import { renderTable } from '../../report/table.js';
import { abUsageError } from '../base-revision-message.js';
import { CARBON_FLAG_OPTIONS, carbonOverrides, parseCarbonFlags } from '../carbon-flags.js';
import { cliSinks } from '../engine-sinks.js';
import { exitCodeFor, EXIT } from '../exit-codes.js';
import { HELP } from '../help.js';
import { parseOptions } from '../parse-options.js';
import { parseSelection } from '../selection-flags.js';

/** The demo suite shipped in the package, used when no config is found. */
export const DEMO_CONFIG = fileURLToPath(new URL('../demo/carbon-gate.yml', import.meta.url));

/** `carbon-gate run`: flags → engine overrides → the engine → report file, table or JSON, exit code. */
export async function runCommand(args: string[]): Promise<number> {
  const { values } = parseOptions('run', args, {
    config: { type: 'string' },
    out: { type: 'string', default: '.carbon-gate' },
    ...CARBON_FLAG_OPTIONS,
    json: { type: 'boolean', default: false },
    baseline: { type: 'string' },
    ab: { type: 'string' },
    shard: { type: 'string' },
    only: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP.run + '\n');
    return EXIT.ok;
  }
  const flags = parseCarbonFlags(values);
  const select = parseSelection(values);
  if (values.baseline !== undefined && values.ab !== undefined)
    throw new UsageError('run: give --baseline FILE or --ab REF, not both');
  const found = findConfigPath(process.cwd(), values.config);
  if (values.ab !== undefined && !found)
    throw new UsageError('run: --ab needs a carbon-gate.yml in a git repository (found none here)');
  const baseline: BaselineChoice =
    values.ab !== undefined
      ? { kind: 'ab', ref: values.ab }
      : values.baseline !== undefined
        ? { kind: 'file', path: values.baseline }
        : { kind: 'none' };
  // Before any benchmark runs: an --out that cannot take the report is exit 2 now, not after the suite.
  await prepareOutDir(values.out);
  // Never released: from here until the process exits, a first signal stops the run and the report is
  // still written and printed, a second is ignored, a third exits (src/engine/shutdown.ts).
  holdSignals();
  const commit = found ? await headCommit(path.dirname(path.resolve(found))) : undefined;
  const { report } = await runEngine({
    suite: found
      ? { kind: 'config', path: found, label: path.relative(process.cwd(), path.resolve(found)) || found }
      : { kind: 'config', path: DEMO_CONFIG, label: 'built-in demo suite' },
    overrides: {
      ...carbonOverrides(flags),
      baseline,
      benchEnv: 'local',
      notices: found ? [] : ['no carbon-gate.yml here: ran the built-in demo suite'],
      ...(select ? { select } : {}),
      ...(commit ? { commit } : {}),
    },
    sinks: cliSinks(process.stderr),
  }).catch((e: unknown) => {
    throw abUsageError(e);
  });
  // The accuracy/energy chart beside the report, when at least two benchmarks reported a quality figure.
  const pareto = paretoChart(report);
  let written;
  try {
    written = await writeReportFile(
      report,
      values.out,
      pareto ? { beside: { [PARETO_FILE]: paretoSvg(pareto) } } : {},
    );
    // A chart left by an earlier run would not match this report.
    if (!pareto) await rm(path.join(values.out, PARETO_FILE), { force: true }).catch(() => {});
  } catch (e) {
    // Nothing measured is lost: the whole report goes to stdout (after the table), then one error line.
    const json = JSON.stringify(report, null, 2) + '\n';
    process.stdout.write(values.json ? json : renderTable(report) + json);
    process.stderr.write(
      `carbon-gate: --out ${shownPath(values.out)}: could not write the report (${reason(e)}); it is on stdout instead\n`,
    );
    return EXIT.benchmarkError;
  }
  if (values.json) process.stdout.write(JSON.stringify(written.report, null, 2) + '\n');
  else {
    const chart = pareto ? `Pareto chart: ${path.join(path.dirname(written.file), PARETO_FILE)}\n` : '';
    process.stdout.write(renderTable(written.report) + `Report: ${written.file}\n` + chart);
  }
  return exitCodeFor(written.report.verdict.status);
}
