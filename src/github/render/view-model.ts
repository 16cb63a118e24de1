import { CleanerWhenSchema, ForecastInfoSchema } from '../../carbon/cleaner-when.js';
import { cleanerWhenText } from '../../report/carbon-lines.js';
import { isBudgetShare } from '../../gate/budget-check.js';
import { gpuChoiceLine } from '../../meter/nvidia-describe.js';
import { intervalLabel } from '../../report/judged.js';
import { whatMoved } from '../../report/what-moved.js';
import type { BenchmarkView, ReportView } from '../../report/view-schema.js';
import { escapeMarkdown as esc, mermaidSafe } from './escape.js';
import { energy, mass, STATUS_ICON, STATUS_MARK } from './format.js';
import { baselineLine, failureReasons, headline, judgedNotes } from './verdict-view.js';
import {
  formatDuration,
  markdownRatioChange,
  percentTenthsBelowTen,
  percentWhole,
  roundSignificant,
  sig3,
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
  return {
    marker: opts.marker,
    status: report.verdict.status,
    statusIcon: STATUS_ICON[report.verdict.status]!,
    config: esc(report.config, 200),
    headline: headline(report),
    failures: failureReasons(report),
    judged: judgedNotes(report),
    baseline: baselineLine(report),
    /** CO2e compared with a baseline on another grid (method, source or year): what differs. */
    baselineGrid: esc(
      report.benchmarks
        .find((b) => b.comparison?.gridMismatch?.length)
        ?.comparison?.gridMismatch?.join('; ') ?? '',
      400,
    ),
    hasComparison: report.benchmarks.some((b) => b.comparison),
    // The interval's level: 95 %, or what adaptive pairs spent it down to (a header, so &nbsp; not U+00A0).
    ci: intervalLabel(report.benchmarks.flatMap((b) => (b.comparison ? [b.comparison.level] : []))).replace(
      / /g,
      '&nbsp;',
    ),
    quality: qualityHeader(report),
    hasBudget: report.benchmarks.some((b) => b.budgetUse?.some((u) => isBudgetShare(u.limit))),
    rows: rows.map(row),
    moved: rows.flatMap(moved),
    // SCI per functional unit, for benchmarks that declare one (the table keeps one figure per cell).
    perUnit: rows.flatMap((b) =>
      b.perUnit
        ? [
            {
              name: esc(b.name, 100),
              energy: energy(b.perUnit.energyJ),
              co2e: mass(b.perUnit.co2eG),
              unit: esc(b.perUnit.name, 40),
            },
          ]
        : [],
    ),
    omitted,
    totals: { energy: nb(energy(report.totals.energyJ)), co2e: nb(mass(report.totals.co2eG)) },
    cleanerWhen: cleanerWhenView(report, rows),
    provenance: {
      meter: esc(`${m.cpu}${m.gpu && m.gpu !== 'none' ? ` + GPU ${m.gpu}` : ''}`, 100),
      gpus: m.gpusMetered || m.gpusSkipped ? esc(gpuChoiceLine(m.gpusMetered ?? [], m.gpusSkipped), 600) : '',
      powerModel: esc(m.powerModel, 200),
      region: esc(c.regionName ? `${c.region} (${c.regionName})` : c.region, 200),
      intensity: `${whole(c.intensityGPerKwh)} g/kWh`,
      source: esc(`${c.source}${c.intensityYear ? `, ${c.intensityYear}` : ''}`, 300),
      pue: String(c.pue),
      band: energyBand(report),
      pueSource: c.pueSource ? esc(c.pueSource, 100) : '',
    },
    // One repeat each: the table above says it all.
    samples: opts.omitSamples || rows.every((b) => b.samples.length <= 1) ? [] : rows.map(samplesOf),
    samplesOmitted: !!opts.omitSamples,
    trend: opts.trend && opts.trend.length >= 1 ? trendView(opts.trend, report.totals.co2eG) : undefined,
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

const nb = (s: string) => s.replace(/ /g, '\u00a0');

/**
 * The power model's band around estimated energy, as one share for the provenance line (the table keeps one
 * figure per cell): the widest half-band relative to its benchmark's energy; '' when nothing was estimated.
 */
function energyBand(report: ReportView): string {
  const shares = report.benchmarks.flatMap((b) =>
    b.energyBandJ && b.energyJ ? [(b.energyBandJ.high - b.energyBandJ.low) / 2 / b.energyJ] : [],
  );
  return shares.length ? `±${percentWhole(Math.max(...shares))}` : '';
}

/** A ratio's change without the unit, for interval ends: 1.081 → "+8.1". */
const pct = (ratio: number) => markdownRatioChange(ratio).replace(' %', '');

/** The quality column's header: the metric's name when every benchmark with one shares it. */
function qualityHeader(report: ReportView): string {
  const names = new Set(report.benchmarks.flatMap((b) => (b.efficiency ? [b.efficiency.metric] : [])));
  if (!names.size) return '';
  return names.size === 1 ? esc([...names][0]!, 64) : 'quality';
}

/** Why a benchmark's figures moved (trade-off, layers, metrics); escaped. */
function moved(b: BenchmarkView) {
  const lines = whatMoved(b).map((l) => esc(l, 300));
  return lines.length ? [{ name: esc(b.name, 100), first: lines[0]!, rest: lines.slice(1) }] : [];
}

function row(b: BenchmarkView) {
  const cmp = b.comparison;
  const absolute = (b.budgetUse ?? []).filter((u) => isBudgetShare(u.limit));
  const use = absolute.length ? Math.max(...absolute.map((u) => u.percent)) : null;
  return {
    name: esc(b.name, 100),
    kind: esc(b.kind, 20),
    // No-break spaces: a figure never wraps from its unit, so each row stays one line.
    energy: nb(energy(b.energyJ)),
    co2e: nb(mass(b.co2eG)),
    // The same notation as the terminal: estimate, then the 95 % interval in brackets.
    delta: cmp
      ? nb(
          `${markdownRatioChange(cmp.ratio)}${cmp.ci95 ? ` [${pct(cmp.ci95[0])}, ${pct(cmp.ci95[1])}]` : ''}${cmp.gridMismatch?.length ? ' †' : ''}`,
        )
      : '–',
    budget: use === null ? '–' : nb(percentTenthsBelowTen(use)),
    quality: b.efficiency ? sig3(b.efficiency.quality) : '–',
    perKj: b.efficiency ? String(roundSignificant(b.efficiency.perKj, 3)) : '–',
    status: STATUS_MARK[b.status]!,
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

/**
 * The recorded runs and this one ("this run"), on a y-axis from zero: an axis starting near the data makes
 * 0.124 → 0.174 mg look fourfold. The unit follows the data, so a small suite does not plot 0.000 g.
 */
function trendView(points: TrendPoint[], current: number) {
  const last = [
    ...points.slice(-19).map((p) => ({ label: p.sha.slice(0, 7), co2eG: p.co2eG })),
    { label: 'this run', co2eG: current },
  ];
  const max = Math.max(...last.map((p) => p.co2eG));
  const [unit, scale] = max >= 1000 ? ['kg', 1e-3] : max >= 1 ? ['g', 1] : ['mg', 1e3];
  return {
    unit,
    labels: last.map((p) => `"${mermaidSafe(p.label)}"`).join(', '),
    values: last.map((p) => roundSignificant(p.co2eG * scale, 4)).join(', '),
    top: roundSignificant(max * scale * 1.1, 2) || 1,
  };
}

/** Only http(s) URLs without characters that could end a markdown link. */
function safeUrl(url: string | undefined): string {
  if (!url || !/^https?:\/\/[A-Za-z0-9./:_-]+$/.test(url)) return '';
  return url;
}
