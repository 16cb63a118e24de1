import type { Status } from '../../report/types.js';
import { percentFixed } from '../../text/format-number.js';
import type { RunRecord } from './record.js';

/** Team budget: warn at 80 % of the period's limit, fail at 100 %. */
export const TEAM_WARN_FRACTION = 0.8;

export interface TeamBudgetStatus {
  status: Status;
  usedG: number;
  limitG: number;
  period: string;
  reasons: string[];
}

/** CO2e spent in `month` by the recorded runs: every measured repeat, as the ledger counts what was emitted. */
export function monthToDate(records: readonly RunRecord[], month: string): number {
  return records.filter((r) => r.month === month).reduce((s, r) => s + r.totals.spentCo2eG, 0);
}

export function teamBudgetStatus(usedG: number, limitG: number, period: string): TeamBudgetStatus {
  const share = usedG / limitG;
  const status: Status = share >= 1 ? 'fail' : share >= TEAM_WARN_FRACTION ? 'warn' : 'pass';
  const pct = percentFixed(share, 1);
  const reasons =
    status === 'pass'
      ? []
      : [`team budget: ${pct} of the ${period} limit used (${status === 'fail' ? '≥ 100 %' : '≥ 80 %'})`];
  return { status, usedG, limitG, period, reasons };
}
