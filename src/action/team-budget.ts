import type { Config } from '../config/schema.js';
import { worst } from '../gate/status.js';
import { monthToDate, teamBudgetStatus, type TeamBudgetStatus } from '../github/history/ledger.js';
import { monthOf, type StoredRecord } from '../github/history/record.js';
import type { Status } from '../report/types.js';

/**
 * The month's team limit in grams: the `team-budget-co2e` input, else `budget.team.co2e` in the config.
 * The input wins: like `region`.
 */
export function teamLimitG(config: Config | undefined, inputG: number | undefined): number | undefined {
  return inputG ?? config?.budget?.team?.co2eG;
}

export function teamStatus(records: readonly StoredRecord[], limitG: number, now: Date): TeamBudgetStatus {
  const month = monthOf(now);
  return teamBudgetStatus(
    monthToDate(
      records.map((r) => r.record),
      month,
    ),
    limitG,
    month,
  );
}

/** The verdict with the team budget merged in: its status can only raise it, never lower a fail. */
export function withTeamBudget<R extends { verdict: { status: Status; reasons: string[] } }>(
  report: R,
  team: TeamBudgetStatus,
): R {
  const status = worst(report.verdict.status, team.status);
  return {
    ...report,
    verdict: { ...report.verdict, status, reasons: [...report.verdict.reasons, ...team.reasons] },
  };
}
