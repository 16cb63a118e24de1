import { metricLabel } from '../../gate/format.js';
import type { BudgetUse } from '../../gate/types.js';
import { judgedLine } from '../../report/judged.js';
import type { BenchmarkView, ReportView } from '../../report/view-schema.js';
import { formatEnergy, formatMass, markdownRatioChange, sig3 } from '../../text/format-number.js';
import { escapeMarkdown as esc } from './escape.js';

/**
 * The comment's verdict, said once: a one-line headline (what failed and by how much), the reasons of the
 * benchmarks that did not pass (a passing benchmark's notes are no failure reasons), the suite's own reasons,
 * what each comparison judged (with the smallest regression it could catch), and the baseline on one line. Escaped for markdown.
 */

const RANK = { pass: 0, warn: 1, fail: 2, error: 3 } as const;
/** A tripped limit's figures in short: "energy 52.1 J > 50.0 J", "accuracy 0.840 < 0.850". */
function shortLimit(u: BudgetUse): string | undefined {
  const m =
    /^(?:metrics\.(.+)\.(min|max)|(energy|co2e|perUnit\.co2e|total\.energy|total\.co2e))\.(warn|fail)$/.exec(
      u.limit,
    );
  if (!m) return undefined;
  const floor = m[2] === 'min';
  if (floor ? u.observed >= u.limitValue : u.observed <= u.limitValue) return undefined;
  const key = m[3] ?? '';
  const f = key.includes('energy') ? formatEnergy : key ? formatMass : sig3;
  const label =
    m[1] ?? (key.includes('energy') ? 'energy' : key === 'perUnit.co2e' ? 'CO2e per unit' : 'CO2e');
  return `${label} ${f(u.observed)} ${floor ? '<' : '>'} ${f(u.limitValue)}`;
}

/**
 * What failed, by how much, in a few words: "energy +25.3 % vs base" when a regression tripped, the figures
 * of a tripped limit, else (errors, drops) the first reason cut short. The full reasons follow the table.
 */
function shortWhy(b: BenchmarkView): string {
  const c = b.comparison;
  const regressed = b.budgetUse?.some((u) => u.limit.startsWith('regression.') && u.observed > u.limitValue);
  if (c && regressed) return `${metricLabel(c.metric)} ${markdownRatioChange(c.ratio)} vs base`;
  const limit = (b.budgetUse ?? []).map(shortLimit).find((x) => x !== undefined);
  if (limit) return limit;
  const first = b.reasons?.[0] ?? b.reason ?? b.status;
  return first.length > 60 ? `${first.slice(0, 59)}…` : first;
}

export function headline(report: ReportView): string {
  const all = report.benchmarks;
  const bad = all.filter((b) => b.status !== 'pass').sort((a, b) => RANK[b.status] - RANK[a.status]);
  if (!bad.length) {
    const suite = report.verdict.status !== 'pass' ? ` — suite: ${report.verdict.reasons[0] ?? ''}` : '';
    return esc(`${all.length} benchmark${all.length === 1 ? '' : 's'} within budget${suite}`, 300);
  }
  const shown = bad.slice(0, 3).map((b) => `${b.name}: ${shortWhy(b)}`);
  const more = bad.length > 3 ? `; ${bad.length - 3} more` : '';
  return esc(`${bad.length} of ${all.length} did not pass — ${shown.join('; ')}${more}`, 500);
}

/** Each benchmark that did not pass, with its reasons; then the suite's (grid, total, team). */
export function failureReasons(report: ReportView, max = 20) {
  const prefixes = report.benchmarks.map((b) => `${b.name}: `);
  const benchmarks = report.benchmarks
    .filter((b) => b.status !== 'pass')
    .slice(0, max)
    .map((b) => ({
      name: esc(b.name, 100),
      reasons: [...new Set([...(b.reasons ?? []), ...(b.reason ? [b.reason] : [])])]
        .slice(0, 5)
        .map((r) => esc(r, 300)),
    }));
  // Verdict reasons that name no benchmark belong to the suite.
  const suite = report.verdict.reasons
    .filter((r) => !prefixes.some((p) => r.startsWith(p)))
    .slice(0, 10)
    .map((r) => esc(r, 300));
  return {
    benchmarks,
    suite,
    more: Math.max(0, report.benchmarks.filter((b) => b.status !== 'pass').length - max),
  };
}

/** What each compared benchmark was judged on, its pairs and the smallest regression it could catch. */
export function judgedNotes(report: ReportView): string[] {
  return report.benchmarks.flatMap((b) => {
    const line = judgedLine(b);
    return line === null ? [] : [esc(line, 400)];
  });
}

/** "ab HEAD~1 (88dbd7246129)", a full SHA said once; "none (regression not checked)". */
export function baselineLine(report: ReportView): string {
  const b = report.verdict.baseline;
  if (!b || b.source === 'none') return 'none (regression not checked)';
  let ref = b.ref ?? '';
  const sha = /^([0-9a-f]{7,40}) \(([0-9a-f]{7,40})\)$/.exec(ref);
  if (sha && sha[1]!.startsWith(sha[2]!)) ref = sha[2]!;
  const note = b.note ? ` — ${b.note}` : '';
  return esc(`${b.source}${ref ? ` ${ref}` : ''}${note}`, 300);
}
