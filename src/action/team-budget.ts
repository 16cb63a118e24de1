import type { Config } from '../config/schema.js';
import { worst } from '../gate/status.js';
import { monthToDate, teamBudgetStatus, type TeamBudgetStatus } from '../github/history/ledger.js';
import { monthOf, type StoredRecord } from '../github/history/record.js';
import type { Status } from '../report/types.js';

/**
 * The month's team limit in grams: `budget.team.co2e` in the config once the schema has it (read loosely
 * here, so this works before and after), else the `team-budget-co2e` input. The input wins: like `region`.
 */
export function teamLimitG(config: Config, inputG: number | undefined): number | undefined {
  if (inputG !== undefined) return inputG;
  const team = (config.budget as { team?: { co2e?: unknown; co2eG?: unknown } } | undefined)?.team;
  const g = team?.co2eG ?? team?.co2e;
  return typeof g === 'number' && g > 0 ? g : undefined;
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
