import * as core from '@actions/core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { GatedReport } from '../engine/types.js';
import type { ActionContext } from '../github/context.js';
import { loadConfig } from '../io/config-file.js';
import { writeReportFile } from '../io/write-report.js';
import { readShardFiles, shardFilesIn } from '../report/io/read-shards.js';
import { mergeShards } from '../report/merge.js';
import { parseReport } from '../report/view-schema.js';
import { parseShardCount, SHARD_COUNT_EXPECTED } from '../runner/shard.js';
import { VERSION } from '../version.js';
import { historyRole } from './history-plan.js';
import { historyAfterRun } from './history-step.js';
import { loadPrBaseline } from './history.js';
import { InputError } from './input-error.js';
import type { ActionInputs, InputReader } from './inputs.js';
import type { ActionOutputs } from './outputs.js';
import { publish } from './publish.js';

/** Where action/merge downloads the shards' artifacts when `shards-dir` is not given. */
const DEFAULT_SHARDS_DIR = 'carbon-gate-shards';

/**
 * Merge mode (action/merge, the job after a matrix): the shards' reports, downloaded as artifacts, are read
 * as untrusted and merged (src/report/merge.ts); then, once for the whole run, what the benchmark mode does
 * after its benchmarks: the history record and team budget (baseline: history), the report file, the job
 * summary, the one sticky comment and the outputs. The shard jobs run with comment: never and record nothing.
 */
export async function mergeMode(
  inputs: ActionInputs,
  ctx: ActionContext,
  read: InputReader,
): Promise<ActionOutputs> {
  const workspace = ctx.workspace || process.cwd();
  const cwd = path.resolve(workspace, inputs.workingDirectory);
  const expect = shardCount(read('shards').trim());
  const dir = path.resolve(workspace, read('shards-dir').trim() || DEFAULT_SHARDS_DIR);
  const files = await shardFilesIn(dir);
  core.info(`carbon-gate: merging ${files.length} shard report${files.length === 1 ? '' : 's'} from ${dir}`);
  const merged = mergeShards(await readShardFiles(files), {
    ...(expect !== undefined ? { expect } : {}),
    tool: { name: 'carbon-gate', version: VERSION },
    now: new Date(),
  }) as GatedReport;
  // The team limit may come from the config when the merge job checked it out (baseline: history does).
  const configPath = path.resolve(cwd, inputs.config);
  const config = existsSync(configPath) ? (await loadConfig(configPath)).config : undefined;
  const history = historyRole(inputs, ctx);
  if (history.role === 'off' && inputs.baseline === 'history')
    core.info(`carbon-gate: history: ${history.why}`);
  const pr =
    history.role === 'compare' ? await loadPrBaseline(cwd, inputs.historyBranch, history.baseSha) : null;
  const { gated, view } = await historyAfterRun(inputs, ctx, cwd, history, pr, {
    report: merged,
    ...(config ? { config } : {}),
  });
  const written = await writeReportFile(gated, path.resolve(cwd, inputs.reportDir), { within: workspace });
  const parsed = parseReport(JSON.stringify(written.report));
  if (!parsed.ok) throw new Error(`the merged report does not match its schema: ${parsed.error}`);
  const report = parsed.report;
  const commentUrl = await publish(report, inputs, {
    ctx,
    prNumber: ctx.prNumber,
    key: { config: report.config, workflow: ctx.workflow, job: ctx.job },
    cwd,
    view,
  });
  return {
    status: report.verdict.status,
    totalCo2eG: report.totals.co2eG,
    totalEnergyKwh: report.totals.energyKwh,
    reportPath: written.file,
    commentUrl,
  };
}

/** The `shards` input: the matrix's shard count, so a shard that uploaded nothing is still counted. */
function shardCount(raw: string): number | undefined {
  if (raw === '') return undefined;
  const n = parseShardCount(raw);
  if (n === null) throw new InputError(`input shards: "${raw.slice(0, 40)}" is not ${SHARD_COUNT_EXPECTED}`);
  return n;
}
