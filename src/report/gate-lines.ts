import { isBudgetShare } from '../gate/budget-check.js';
import { formatMetric, METRIC_LABEL } from '../gate/format.js';
import type { Adaptive, BaselineInfo, BudgetUse, Comparison, ResolvedBudget } from '../gate/types.js';
import { percentSignificant, ratioChangeWithInterval } from '../text/format-number.js';
import { terminalSafe } from '../text/terminal-safe.js';
import { textTable } from '../text/text-table.js';
import type { Status } from './types.js';
import { intervalLabel, judgedLine } from './judged.js';
import { whatMoved, type MovedInput } from './what-moved.js';

export interface GatedRow extends MovedInput {
  name: string;
  status: Status;
  budget?: ResolvedBudget;
  comparison?: Comparison;
  adaptive?: Adaptive;
  reasons: string[];
  budgetUse?: BudgetUse[];
}

export interface GateView {
  benchmarks: GatedRow[];
  totals: { budgetUse?: BudgetUse[] };
  verdict: { status: Status; reasons: string[]; baseline: BaselineInfo };
}

/**
 * The share of the budget used, against the fail limits where there are any (the budget proper), else the
 * warn limits: "82 % of energy.fail". Regression tiers are shown in the Δ column.
 */
function mostUsed(use: BudgetUse[] | undefined): string {
  const absolute = (use ?? []).filter((u) => isBudgetShare(u.limit));
  const fails = absolute.filter((u) => u.limit.endsWith('.fail'));
  const shown = fails.length ? fails : absolute;
  if (!shown.length) return '–';
  const top = shown.reduce((a, b) => (b.percent > a.percent ? b : a));
  return `${percentSignificant(top.percent)} of ${top.limit}`;
}

function baselineLine(b: BaselineInfo, rows: GatedRow[]): string {
  if (b.source === 'none') return b.note ?? 'no baseline: regression not checked';
  const first = rows.find((r) => r.comparison)?.comparison;
  const how = first
    ? first.method === 'paired'
      ? `paired, ${first.pairs ?? 0} pairs per benchmark`
      : 'independent samples'
    : 'no benchmark in common';
  const ref = b.ref ? ` ${terminalSafe(b.ref)}` : '';
  return `baseline: ${b.source}${ref} (${how})${b.note ? `; ${terminalSafe(b.note)}` : ''}`;
}

/**
 * The gate's part of the summary: Δ vs base with its 95 % interval and budget use per benchmark, the
 * baseline (or the line saying there is none), and the verdict with every reason.
 */
export function gateLines(view: GateView): string[] {
  const rows = view.benchmarks;
  const lines: string[] = [];
  if (rows.some((r) => r.budget || r.comparison)) {
    const ci = intervalLabel(rows.flatMap((r) => (r.comparison ? [r.comparison.level] : [])));
    const header = ['benchmark', 'metric', 'base', 'head', `Δ vs base [${ci}]`, 'budget used', 'status'];
    const body = rows.map((r) => {
      const c = r.comparison;
      return [
        terminalSafe(r.name),
        METRIC_LABEL[c?.metric ?? r.budget?.metric ?? 'energy'],
        c ? formatMetric(c.metric, c.base) : '–',
        c ? formatMetric(c.metric, c.head) : '–',
        c ? ratioChangeWithInterval(c.ratio, c.ci95) + (c.gridMismatch?.length ? ' †' : '') : '–',
        mostUsed(r.budgetUse),
        r.status,
      ];
    });
    lines.push(textTable([header, ...body]), '');
  }
  lines.push(baselineLine(view.verdict.baseline, rows));
  for (const r of rows) {
    const judged = judgedLine(r);
    if (judged !== null) lines.push(`judged: ${terminalSafe(judged)}`);
  }
  for (const r of rows) {
    const moved = whatMoved(r);
    if (moved.length)
      lines.push(`what moved, ${terminalSafe(r.name)}:`, ...moved.map((l) => `  ${terminalSafe(l)}`));
  }
  const grid = rows.find((r) => r.comparison?.gridMismatch?.length)?.comparison?.gridMismatch;
  if (grid)
    lines.push(`† CO2e vs a baseline on another grid (${terminalSafe(grid.join('; '))}): not like for like`);
  const total = mostUsed(view.totals.budgetUse);
  if (total !== '–') lines.push(`suite total: ${total}`);
  lines.push(`verdict: ${view.verdict.status}`);
  for (const r of view.verdict.reasons) lines.push(`  ${terminalSafe(r)}`);
  return lines;
}
