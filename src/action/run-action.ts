import * as core from '@actions/core';
import path from 'node:path';
import type { ActionContext } from '../github/context.js';
import { reason, shownPath } from '../io/out-dir.js';
import { UnsafeDirError, writeReportFile } from '../io/write-report.js';
import { commitField } from '../report/schema.js';
import type { Report } from '../report/types.js';
import { annotate } from './annotate.js';
import { abBaseRef } from './ab-ref.js';
import type { BaselineChoice } from '../engine/types.js';
import { runBenchmarks } from './run-benchmarks.js';
import { withCommandsStopped } from './stop-commands.js';
import type { ActionInputs } from './inputs.js';
import type { ActionOutputs } from './outputs.js';
import { historyRole } from './history-plan.js';
import { historyAfterRun } from './history-step.js';
import { loadPrBaseline } from './history.js';
import { publish } from './publish.js';
import { parseReport } from '../report/view-schema.js';

/** What the workflow_run half needs to comment on the right PR; it re-checks all of it against the API. */
export const CONTEXT_FILE = 'carbon-gate-context.json';

/** Benchmark mode: run the suite, write the report, summary, annotations and comment. Returns the outputs. */
export async function runAction(inputs: ActionInputs, ctx: ActionContext): Promise<ActionOutputs> {
  const cwd = path.resolve(ctx.workspace || process.cwd(), inputs.workingDirectory);
  const abRef = inputs.baseline === 'ab' ? await abBaseRef(ctx, cwd) : undefined;
  const history = historyRole(inputs, ctx);
  if (history.role === 'off' && inputs.baseline === 'history')
    core.info(`carbon-gate: history: ${history.why}`);
  // Read before the benchmarks: the baseline must be there when the gate runs.
  const pr =
    history.role === 'compare' ? await loadPrBaseline(cwd, inputs.historyBranch, history.baseSha) : null;
  // Any baseline mode gates the run (5 repeats by default), a push that only records its samples included.
  const baseline: BaselineChoice =
    abRef !== undefined
      ? { kind: 'ab', ref: abRef }
      : history.role !== 'off'
        ? { kind: 'history', data: pr?.baseline ?? null }
        : { kind: 'none' };
  core.startGroup('carbon-gate: benchmarks');
  // Our warnings wait until commands are back on, so they still become annotations.
  const warnings: string[] = [];
  const log = { info: (m: string) => core.info(m), warning: (m: string) => warnings.push(m) };
  const run = await withCommandsStopped(
    (l) => process.stdout.write(l),
    () => runBenchmarks(inputs, cwd, log, baseline, commitField(ctx.sha, ctx.ref)),
  ).finally(() => {
    core.endGroup();
    for (const w of warnings) core.warning(w);
  });
  // A matrix shard records nothing and judges no team budget: the merge job does, once for the merged run.
  const { gated, view: extras } = inputs.shard
    ? { gated: run.report, view: {} }
    : await historyAfterRun(inputs, ctx, cwd, history, pr, run);
  const context = {
    prNumber: ctx.prNumber ?? null,
    headSha: ctx.headSha ?? ctx.sha,
    baseSha: ctx.baseSha ?? null,
    workflow: ctx.workflow,
    job: ctx.job,
  };
  const { file: reportPath, report: written } = await writeFiles(gated, inputs.reportDir, cwd, {
    within: ctx.workspace || cwd,
    beside: { [CONTEXT_FILE]: JSON.stringify(context, null, 2) + '\n' },
  });
  // Our own report passes the same schema as an artifact's: one renderer input, one set of limits.
  const parsed = parseReport(JSON.stringify(written));
  if (!parsed.ok) throw new Error(`the report does not match its schema: ${parsed.error}`);
  const report = parsed.report;
  await annotate(report, run.configPath, ctx.workspace || cwd);
  core.startGroup('carbon-gate: summary and comment');
  const commentUrl = await publish(report, inputs, {
    ctx,
    prNumber: ctx.prNumber,
    key: { config: report.config, workflow: ctx.workflow, job: ctx.job },
    cwd,
    view: extras,
  }).finally(() => core.endGroup());
  return {
    status: report.verdict.status,
    totalCo2eG: report.totals.co2eG,
    totalEnergyKwh: report.totals.energyKwh,
    reportPath,
    commentUrl,
  };
}

/**
 * The report and the context file, written after the benchmarks into a report directory that must be ours
 * below the workspace (a benchmark, benchmark-user's included, can write there: write-report.ts ownDir).
 * When it cannot be written, nothing measured is lost: the report goes to the log, and the step fails
 * with one line.
 */
async function writeFiles(
  report: Report,
  reportDir: string,
  cwd: string,
  opts: { within: string; beside: Record<string, string> },
): Promise<{ file: string; report: Report }> {
  try {
    return await writeReportFile(report, path.resolve(cwd, reportDir), opts);
  } catch (e) {
    core.startGroup('carbon-gate: the report (not written)');
    core.info(JSON.stringify(report, null, 2));
    core.endGroup();
    const why =
      e instanceof UnsafeDirError ? `refused: ${e.message}` : `could not write the report (${reason(e)})`;
    throw new Error(`report-dir ${shownPath(reportDir)}: ${why}; the report is in the log instead`, {
      cause: e,
    });
  }
}
