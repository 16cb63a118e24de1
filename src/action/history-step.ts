import * as core from '@actions/core';
import type { ActionContext } from '../github/context.js';
import { toRunRecord, type StoredRecord } from '../github/history/record.js';
import { trendPoints } from '../github/history/trend.js';
import type { ViewOptions } from '../github/render/view-model.js';
import type { EngineRun } from './run-benchmarks.js';
import type { HistoryRole } from './history-plan.js';
import { recordRun, type PrHistory } from './history.js';
import type { ActionInputs } from './inputs.js';
import { teamLimitG, teamStatus, withTeamBudget } from './team-budget.js';

/**
 * After the benchmarks: a push to the default branch records its run; then the team budget is judged on
 * the branch's records (ours included) and merged into the verdict, and the comment gets trend and team lines.
 */
export async function historyAfterRun(
  inputs: ActionInputs,
  ctx: ActionContext,
  cwd: string,
  history: HistoryRole,
  pr: PrHistory | null,
  // A merged run (merge-mode.ts) has a config only when the merge job checked one out.
  run: Pick<EngineRun, 'report'> & { config?: EngineRun['config'] },
): Promise<{ gated: EngineRun['report']; view: Pick<ViewOptions, 'trend' | 'team'> }> {
  let records: StoredRecord[] | null = pr?.records ?? null;
  if (history.role === 'append') {
    const record = toRunRecord(run.report, { sha: ctx.sha, ref: ctx.ref, runId: ctx.runId, now: new Date() });
    records = await recordRun(cwd, inputs.historyBranch, record, inputs.historyRetentionDays);
  }
  const view: Pick<ViewOptions, 'trend' | 'team'> = records
    ? { trend: trendPoints(records.map((r) => r.record)) }
    : {};
  let gated = run.report;
  const limitG = teamLimitG(run.config, inputs.teamBudgetCo2eG);
  if (limitG !== undefined && records) {
    const team = teamStatus(records, limitG, new Date());
    gated = withTeamBudget(gated, team);
    view.team = { usedG: team.usedG, limitG: team.limitG, period: team.period };
  } else if (limitG !== undefined && inputs.baseline !== 'history') {
    core.warning(
      'carbon-gate: a team budget needs baseline: history (the ledger is the history branch); not checked',
    );
  } else if (limitG !== undefined && history.role !== 'off') {
    core.warning('carbon-gate: the history branch could not be read; team budget not checked');
  }
  return { gated, view };
}
