import { UsageError } from '../../errors/usage-error.js';
import { prepareOutDir, reason, shownPath } from '../../io/out-dir.js';
import { writeReportFile } from '../../io/write-report.js';
import { readShardFiles } from '../../report/io/read-shards.js';
import { mergeShards } from '../../report/merge.js';
import { renderTable } from '../../report/table.js';
import { parseShardCount, SHARD_COUNT_EXPECTED } from '../../runner/shard.js';
import { VERSION } from '../../version.js';
import { exitCodeFor, EXIT } from '../exit-codes.js';
import { parseOptions } from '../parse-options.js';

export const MERGE_HELP = `carbon-gate merge — merge the reports of matrix shards (run --shard K/N) into one

Usage: carbon-gate merge [--out DIR] [--expect N] [--json] SHARD.json…

Options:
  --out DIR       where the merged carbon-report.json goes (default: .carbon-gate)
  --expect N      the number of shards the matrix has; a shard with no report is an error entry
                  (default: the count the shards record)
  --json          print the merged report JSON on stdout instead of the table
  --help          this text

Each benchmark keeps the figures its own shard computed (its machine, meter and grid); totals are the sums,
the verdict the worst. A missing shard, or one whose report is an error, is an error entry. Refused (exit 2):
shards of different commits, configs or schema versions, different shard counts, a shard or a benchmark
claimed twice. Exit codes as for run: 0 pass or warn, 1 fail, 3 error. See docs/matrix.md.`;

/** `carbon-gate merge`: shard reports → one report file, the table (or JSON), the verdict's exit code. */
export async function mergeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions('merge', args, {
    out: { type: 'string', default: '.carbon-gate' },
    expect: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(MERGE_HELP + '\n');
    return EXIT.ok;
  }
  const expect = values.expect === undefined ? undefined : parseShardCount(values.expect);
  if (expect === null)
    throw new UsageError(`merge: --expect: "${values.expect!.slice(0, 40)}" is not ${SHARD_COUNT_EXPECTED}`);
  if (!positionals.length)
    throw new UsageError('merge: give the shard reports, e.g. carbon-gate merge shards/*/carbon-report.json');
  const report = mergeShards(await readShardFiles(positionals), {
    ...(expect !== undefined ? { expect } : {}),
    tool: { name: 'carbon-gate', version: VERSION },
    now: new Date(),
  });
  await prepareOutDir(values.out);
  let written;
  try {
    written = await writeReportFile(report, values.out);
  } catch (e) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    process.stderr.write(
      `carbon-gate: --out ${shownPath(values.out)}: could not write the report (${reason(e)}); it is on stdout instead\n`,
    );
    return EXIT.benchmarkError;
  }
  if (values.json) process.stdout.write(JSON.stringify(written.report, null, 2) + '\n');
  else process.stdout.write(renderTable(written.report) + `Report: ${written.file}\n`);
  return exitCodeFor(written.report.verdict.status);
}
