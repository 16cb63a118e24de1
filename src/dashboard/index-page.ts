import { monthToDate, TEAM_WARN_FRACTION } from '../github/history/ledger.js';
import { monthOf } from '../github/history/record.js';
import { xmlEscape } from '../report/pareto-svg.js';
import { formatEnergy, formatMass, percentFixed, percentWhole } from '../text/format-number.js';
import { chartSvg } from './chart-svg.js';
import { CSV_FILE } from './csv.js';
import { commitUrl } from './links.js';
import { overviewSvg } from './overview-svg.js';
import { page, table } from './page-html.js';
import { RECENT_RUNS, type History } from './series.js';
import { benchSlug } from './slug.js';
import { estimateText, short, tierLines, when, type SiteInput } from './view.js';

const TITLE = 'carbon-gate dashboard';

/** The front page: the team budget, the suite's CO2e over runs, and one row per benchmark. */
export function indexPage(h: History, input: SiteInput): string {
  const source = `<p class="muted">From ${xmlEscape(input.source)}, built ${xmlEscape(when(input.now.toISOString()))}.</p>`;
  if (!h.runs.length)
    return page(
      TITLE,
      `<h1>${TITLE}</h1>${source}<p id="empty">No recorded runs yet. Runs are recorded by the Action with ` +
        '<code>baseline: history</code> on pushes to the default branch; this page fills in after the first.</p>',
    );
  const recent = h.runs.slice(-RECENT_RUNS);
  const suite =
    chartSvg({
      id: 'suite',
      title: `Suite CO2e per run (sum of medians), last ${recent.length} runs`,
      format: formatMass,
      points: recent.map((r) => ({
        value: r.co2eG,
        ci95: null,
        createdAt: r.createdAt,
        label: `${short(r.sha)}, ${when(r.createdAt)}: suite CO2e ${formatMass(r.co2eG)}`,
        href: commitUrl(input.links, r.sha),
      })),
      budget: tierLines(input.budgets?.total?.co2eG),
    }) +
    overviewSvg({
      id: 'suite-all',
      title: `Suite CO2e, all ${h.runs.length} runs`,
      format: formatMass,
      values: h.runs.map((r) => r.co2eG),
      recent: RECENT_RUNS,
    });
  const rows = h.benchmarks.map((b) => {
    const last = b.points.at(-1);
    const [e, eCi] = last ? estimateText(last.energyJ, formatEnergy, last.n) : ['—', '—'];
    const [m, mCi] = last ? estimateText(last.co2eG, formatMass, last.n) : ['—', '—'];
    return [
      `<a href="b/${benchSlug(b.name)}.html">${xmlEscape(b.name)}</a>`,
      String(b.points.length),
      xmlEscape(e),
      xmlEscape(eCi),
      xmlEscape(m),
      xmlEscape(mCi),
    ];
  });
  const body =
    `<h1>${TITLE}</h1>${source}` +
    teamSection(input) +
    suite +
    table(
      `Benchmarks (${h.benchmarks.length}): latest run`,
      ['Benchmark', 'Runs', 'Energy', 'Energy 95 % interval', 'CO2e', 'CO2e 95 % interval'],
      rows,
      [1, 2, 4],
    ) +
    `<p>${h.runs.length} runs in all. Every run of every benchmark: <a href="${CSV_FILE}">${CSV_FILE}</a>.</p>`;
  return page(TITLE, body);
}

/** Month to date, as the Action's team ledger counts it (ledger.ts): every measured repeat of the month. */
function teamSection(input: SiteInput): string {
  const month = monthOf(input.now);
  const used = monthToDate(
    input.records.map((r) => r.record),
    month,
  );
  const limit = input.teamLimitG;
  const head = `<h2>Team budget, ${month} to date</h2>`;
  if (limit === undefined)
    return (
      head +
      `<p id="team">${xmlEscape(formatMass(used))} CO2e emitted by recorded runs. No team limit set ` +
      '(<code>--team-budget-co2e</code>, or <code>budget.team</code> in <code>--config</code>).</p>'
    );
  return (
    head +
    `<p id="team">${xmlEscape(formatMass(used))} of ${xmlEscape(formatMass(limit))} CO2e ` +
    `(${xmlEscape(percentFixed(used / limit, 1))}); the Action warns at ${percentWhole(TEAM_WARN_FRACTION)}, fails at 100 %.</p>` +
    `<meter min="0" max="${limit}" low="${attr(limit * TEAM_WARN_FRACTION)}" high="${limit}" optimum="0" ` +
    `value="${attr(Math.min(used, limit))}" ` +
    `aria-label="Team budget used">${xmlEscape(percentFixed(used / limit, 1))}</meter>`
  );
}

/** A number for an attribute: 12 significant digits, so 0.1 × 0.8 reads 0.08. */
const attr = (v: number) => String(Number(v.toPrecision(12)));
