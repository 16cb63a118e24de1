import { CleanerWhenSchema, ForecastInfoSchema } from '../../carbon/cleaner-when.js';
import { cleanerWhenText } from '../../report/carbon-lines.js';
import { whatMoved } from '../../report/what-moved.js';
import type { BenchmarkView, ReportView } from '../../report/view-schema.js';
import { escapeMarkdown as esc, mermaidSafe } from './escape.js';
import { energy, mass, STATUS_ICON } from './format.js';
import {
  formatDuration,
  markdownRatioChange,
  percentTenthsBelowTen,
  roundSignificant,
  whole,
} from '../../text/format-number.js';

/** Where the run happened; every field is user-controlled (branch names, PR titles) and escaped here. */
export interface RunContext {
  prNumber?: number;
  headRef?: string;
  baseRef?: string;
  sha?: string;
  summaryUrl?: string;
}

/** One point of the trend chart: a commit and the suite's CO2e there. */
export interface TrendPoint {
  sha: string;
  co2eG: number;
}

export interface ViewOptions {
  marker: string;
  context: RunContext;
  trend?: TrendPoint[];
  team?: { usedG: number; limitG: number; period: string };
  /** Leave out per-repeat tables (truncation step one). */
  omitSamples?: boolean;
  /** Show only this many benchmark rows (truncation step two). */
  maxRows?: number;
}

/** Every string in the view is escaped already, so templates may use {{x}} or {{{x}}} alike. */
export function buildView(report: ReportView, opts: ViewOptions) {
  const rows = report.benchmarks.slice(0, opts.maxRows ?? Infinity);
  const omitted = report.benchmarks.length - rows.length;
  const c = report.carbon;
  const m = report.method;
  const baseline = report.verdict.baseline;
  return {
    marker: opts.marker,
    status: report.verdict.status,
    statusIcon: STATUS_ICON[report.verdict.status]!,
    config: esc(report.config, 200),
    reasons: report.verdict.reasons.slice(0, 20).map((r) => esc(r, 300)),
    moreReasons: Math.max(0, report.verdict.reasons.length - 20),
    baseline:
      baseline && baseline.source !== 'none'
        ? esc(`${baseline.source}${baseline.ref ? ` ${baseline.ref}` : ''}`, 120)
        : '',
    baselineNote: baseline?.note ? esc(baseline.note, 300) : '',
    /** CO2e compared with a baseline on another grid (method, source or year): what differs. */
    baselineGrid: esc(
      report.benchmarks
        .find((b) => b.comparison?.gridMismatch?.length)
        ?.comparison?.gridMismatch?.join('; ') ?? '',
      400,
    ),
    hasComparison: report.benchmarks.some((b) => b.comparison),
    hasBudget: report.benchmarks.some((b) => b.budgetUse?.some((u) => ABSOLUTE_USE.test(u.limit))),
    rows: rows.map(row),
    moved: rows.flatMap(moved),
    omitted,
    totals: { energy: energy(report.totals.energyJ), co2e: mass(report.totals.co2eG) },
    cleanerWhen: cleanerWhenView(report, rows),
    provenance: {
      meter: esc(`${m.cpu}${m.gpu && m.gpu !== 'none' ? ` + GPU ${m.gpu}` : ''}`, 100),
      powerModel: esc(m.powerModel, 200),
      region: esc(c.regionName ? `${c.region} (${c.regionName})` : c.region, 200),
      intensity: `${whole(c.intensityGPerKwh)} g/kWh`,
      source: esc(`${c.source}${c.intensityYear ? `, ${c.intensityYear}` : ''}`, 300),
      pue: String(c.pue),
      pueSource: c.pueSource ? esc(c.pueSource, 100) : '',
    },
    samples: opts.omitSamples ? [] : rows.map(samplesOf),
    samplesOmitted: !!opts.omitSamples,
    trend: opts.trend && opts.trend.length >= 2 ? trendView(opts.trend) : undefined,
    team: opts.team
      ? {
          used: mass(opts.team.usedG),
          limit: mass(opts.team.limitG),
          percent: percentTenthsBelowTen((opts.team.usedG / opts.team.limitG) * 100),
          period: esc(opts.team.period, 40),
        }
      : undefined,
    context: {
      pr: opts.context.prNumber ? String(opts.context.prNumber) : '',
      headRef: opts.context.headRef ? esc(opts.context.headRef, 100) : '',
      baseRef: opts.context.baseRef ? esc(opts.context.baseRef, 100) : '',
      sha: opts.context.sha && /^[0-9a-f]{7,40}$/.test(opts.context.sha) ? opts.context.sha.slice(0, 7) : '',
      summaryUrl: safeUrl(opts.context.summaryUrl),
    },
    notices: (report.notices ?? []).slice(0, 10).map((n) => esc(n, 300)),
    version: esc(report.tool.version, 40),
  };
}

export type CommentView = ReturnType<typeof buildView>;

/** Why a benchmark's figures moved (trade-off, layers, metrics); escaped. */
function moved(b: BenchmarkView) {
  const lines = whatMoved(b).map((l) => esc(l, 300));
  return lines.length ? [{ name: esc(b.name, 100), first: lines[0]!, rest: lines.slice(1) }] : [];
}

/**
 * Budget use is for absolute limits (energy, CO2e, per unit, a metric's min and max): regression tiers
 * compare an interval's bound with a change, which is no share of a budget; the Δ column shows them.
 */
const ABSOLUTE_USE = /^(?!regression\.)(?!metrics\..*\.(drop|rise)\.)/;

function row(b: BenchmarkView) {
  const cmp = b.comparison;
  const absolute = (b.budgetUse ?? []).filter((u) => ABSOLUTE_USE.test(u.limit));
  const use = absolute.length ? Math.max(...absolute.map((u) => u.percent)) : null;
  return {
    name: esc(b.name, 100),
    kind: esc(b.kind, 20),
    energy:
      energy(b.energyJ) +
      (b.energyBandJ ? ` (${energy(b.energyBandJ.low)}–${energy(b.energyBandJ.high)})` : ''),
    co2e: mass(b.co2eG),
    delta: cmp ? markdownRatioChange(cmp.ratio) + (cmp.gridMismatch?.length ? ' †' : '') : '–',
    deltaCi: cmp?.ci95 ? `${markdownRatioChange(cmp.ci95[0])} … ${markdownRatioChange(cmp.ci95[1])}` : '',
    budget: use === null ? '–' : percentTenthsBelowTen(use),
    status: STATUS_ICON[b.status]!,
    reasons: [...new Set([...(b.reasons ?? []), ...(b.reason ? [b.reason] : [])])]
      .slice(0, 5)
      .map((r) => esc(r, 300)),
  };
}

/**
 * Training benchmarks' "cleaner when" hints, under the forecast they come from; undefined without one.
 * The view schema passes these fields through unread, so they are checked against the report's schema here.
 */
function cleanerWhenView(report: ReportView, rows: BenchmarkView[]) {
  const forecast = ForecastInfoSchema.safeParse((report.carbon as { forecast?: unknown }).forecast);
  if (!forecast.success) return undefined;
  const hints = rows.flatMap((b) => {
    const h = CleanerWhenSchema.safeParse((b as { cleanerWhen?: unknown }).cleanerWhen);
    return h.success ? [{ name: esc(b.name, 100), text: esc(cleanerWhenText(h.data, '−'), 300) }] : [];
  });
  return hints.length ? { source: esc(forecast.data.source, 300), hints } : undefined;
}

function samplesOf(b: BenchmarkView) {
  return {
    name: esc(b.name, 100),
    rows: b.samples.slice(0, 50).map((s) => ({
      repeat: String(s.repeat),
      status: s.status,
      duration: formatDuration(s.durationS),
      energy: energy(s.energyJ),
      co2e: mass(s.co2eG),
    })),
    more: Math.max(0, b.samples.length - 50),
  };
}

/** The chart's unit follows the data, so a small suite does not plot a row of 0.000 g. */
function trendView(points: TrendPoint[]) {
  const last = points.slice(-20);
  const max = Math.max(...last.map((p) => p.co2eG));
  const [unit, scale] = max >= 1000 ? ['kg', 1e-3] : max >= 1 ? ['g', 1] : ['mg', 1e3];
  return {
    unit,
    labels: last.map((p) => `"${mermaidSafe(p.sha.slice(0, 7))}"`).join(', '),
    values: last.map((p) => roundSignificant(p.co2eG * scale, 4)).join(', '),
  };
}

/** Only http(s) URLs without characters that could end a markdown link. */
function safeUrl(url: string | undefined): string {
  if (!url || !/^https?:\/\/[A-Za-z0-9./:_-]+$/.test(url)) return '';
  return url;
}
