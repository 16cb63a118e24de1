import { applyGate } from '../../gate/apply.js';
import { baselineFromReport } from '../../gate/baseline.js';
import { readReportFile } from '../../gate/io/read-report.js';
import { gateLines } from '../../report/gate-lines.js';
import { UsageError } from '../../errors/usage-error.js';
import { exitCodeFor, EXIT } from '../exit-codes.js';
import { parseOptions } from '../parse-options.js';

export const COMPARE_HELP = `carbon-gate compare — compare two reports and apply the gate

Usage: carbon-gate compare --base A.json --head B.json [--json]

Options:
  --base FILE     the baseline report (carbon-report.json of the base commit)
  --head FILE     the report to judge; the budgets recorded in it apply
                  (regression warn 5 % / fail 10 % where none is recorded)
  --json          print the head report with the gate's fields on stdout instead of the table
  --help          this text

Exit codes: 0 pass or warn, 1 fail, 2 a missing or malformed report, 3 a head benchmark errored.`;

/** `compare`: the gate on two existing reports, as independent samples (they ran at different times). */
export async function compareCommand(args: string[]): Promise<number> {
  const { values } = parseOptions('compare', args, {
    base: { type: 'string' },
    head: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(COMPARE_HELP + '\n');
    return EXIT.ok;
  }
  if (!values.base || !values.head) {
    throw new UsageError('compare: expected --base FILE and --head FILE (see carbon-gate compare --help)');
  }
  const base = await readReportFile(values.base, 'base');
  const head = await readReportFile(values.head, 'head');
  const gated = applyGate(head, {
    budgetOf: (name) => head.benchmarks.find((b) => b.name === name)?.budget,
    ...(head.totals.budget ? { total: head.totals.budget } : {}),
    baseline: baselineFromReport(base, { source: 'file', ref: values.base, method: 'independent' }),
  });
  if (values.json) process.stdout.write(JSON.stringify(gated, null, 2) + '\n');
  else process.stdout.write(gateLines(gated).join('\n') + '\n');
  return exitCodeFor(gated.verdict.status);
}
