import { formatEnergy, formatMass } from '../text/format-number.js';
import { xmlEscape } from '../report/pareto-svg.js';
import { chartSvg, type ChartPoint } from './chart-svg.js';
import { CSV_FILE } from './csv.js';
import { commitUrl, runUrl } from './links.js';
import { overviewSvg } from './overview-svg.js';
import { linkOr, page, table } from './page-html.js';
import { RECENT_RUNS, type BenchPoint, type BenchSeries, type Estimate } from './series.js';
import { estimateText, short, tierLines, when, type Limits, type SiteInput } from './view.js';

/**
 * A benchmark's page: energy and CO2e of its last RECENT_RUNS runs (medians, 95 % intervals, budget lines,
 * a link per point), the whole history as an overview, and the same runs as a table.
 */
export function benchPage(b: BenchSeries, input: SiteInput, limits: Limits | undefined): string {
  const recent = b.points.slice(-RECENT_RUNS);
  const name = b.name;
  const chart = (key: 'energyJ' | 'co2eG', label: string, format: (v: number) => string) =>
    chartSvg({
      id: key,
      title: `${label} of ${name}, last ${recent.length} runs (median, 95 % interval)`,
      format,
      points: recent.map((p) => point(p, p[key], label, format, input)),
      budget: tierLines(limits?.[key]),
    }) +
    overviewSvg({
      id: `${key}-all`,
      title: `${label}, all ${b.points.length} runs`,
      format,
      values: b.points.map((p) => p[key].median),
      recent: RECENT_RUNS,
    });
  const rows = [...recent].reverse().map((p) => {
    const [e, eCi] = estimateText(p.energyJ, formatEnergy, p.n);
    const [m, mCi] = estimateText(p.co2eG, formatMass, p.n);
    return [
      linkOr(when(p.createdAt), runUrl(input.links, p.runId)),
      linkOr(short(p.sha), commitUrl(input.links, p.sha)),
      String(p.n),
      xmlEscape(e),
      xmlEscape(eCi),
      xmlEscape(m),
      xmlEscape(mCi),
    ];
  });
  const budgetNote = limits
    ? `Budget lines: ${xmlEscape(input.budgets!.source)} today (records do not store budgets).`
    : input.budgets
      ? `No energy or CO2e budget for this benchmark in ${xmlEscape(input.budgets.source)}.`
      : 'No budget lines: records do not store budgets (give <code>--config</code> to draw a config’s).';
  const failed = b.failedRuns ? ` ${b.failedRuns} runs without a successful repeat are not drawn.` : '';
  const body =
    `<p><a href="../index.html">← all benchmarks</a></p><h1>${xmlEscape(name)}</h1>` +
    `<p class="muted">${b.points.length} runs.${failed} ${budgetNote} Full history: <a href="../${CSV_FILE}">${CSV_FILE}</a>.</p>` +
    chart('energyJ', 'Energy', formatEnergy) +
    chart('co2eG', 'CO2e', formatMass) +
    table(
      `${name}: last ${recent.length} runs, newest first`,
      ['Run', 'Commit', 'Repeats', 'Energy', 'Energy 95 % interval', 'CO2e', 'CO2e 95 % interval'],
      rows,
      [2, 3, 5],
    );
  return page(`${name} — carbon-gate dashboard`, body);
}

function point(
  p: BenchPoint,
  e: Estimate,
  label: string,
  format: (v: number) => string,
  input: SiteInput,
): ChartPoint {
  const [median, ci] = estimateText(e, format, p.n);
  return {
    value: e.median,
    ci95: e.ci95,
    createdAt: p.createdAt,
    label: `${short(p.sha)}, ${when(p.createdAt)}: ${label.toLowerCase()} ${median}, 95 % interval ${ci}`,
    href: commitUrl(input.links, p.sha),
  };
}
