import { utcMinute } from '../report/carbon-lines.js';
import { xmlEscape } from '../report/pareto-svg.js';
import { c, CHART, valueAxis, xOf, yOf } from './axis.js';

/**
 * One series as inline SVG, rendered at build time: the medians joined by a line, each point's 95 %
 * interval as a whisker and a band, the budget's warn and fail lines, round ticks. Each point is a link
 * (to its commit) with a <title> a pointer or a screen reader reads; no script, no external reference.
 * Styles come from the page (page-html.ts), so light and dark follow prefers-color-scheme.
 */

export interface ChartPoint {
  value: number;
  ci95: [number, number] | null;
  createdAt: string;
  /** Read on hover and by screen readers: the run, its figure and interval. */
  label: string;
  href?: string | undefined;
}

export interface BudgetLine {
  level: 'warn' | 'fail';
  value: number;
}

export interface ChartSpec {
  /** Prefix of the element ids: letters, digits, - and _ kept. */
  id: string;
  title: string;
  format: (v: number) => string;
  points: readonly ChartPoint[];
  budget?: readonly BudgetLine[];
}

/** A budget line farther above the data than this is named in a note instead of squashing the series. */
const BUDGET_SPAN = 3;

export function chartSvg(spec: ChartSpec): string {
  const id = spec.id.replace(/[^A-Za-z0-9_-]/g, '') || 'chart';
  const pts = spec.points;
  const data = pts.flatMap((p) => [p.value, ...(p.ci95 ?? [])]);
  const top = Math.max(0, ...data);
  const budget = spec.budget ?? [];
  const drawn = budget.filter((b) => b.value <= top * BUDGET_SPAN || data.length === 0);
  const above = budget.filter((b) => !drawn.includes(b));
  const axis = valueAxis([...data, ...drawn.map((b) => b.value)]);
  const y = (v: number) => c(yOf(axis, v));
  const x = (i: number) => c(xOf(i, pts.length));
  const out: string[] = [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART.width} ${CHART.height}" role="group" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${xmlEscape(spec.title)}</title>`,
    `<desc id="${id}-desc">${xmlEscape(describe(spec, above))}</desc>`,
    `<text class="title" x="${CHART.left}" y="20">${xmlEscape(spec.title)}</text>`,
  ];
  for (const t of axis.ticks) {
    out.push(
      `<line class="grid" x1="${CHART.left}" x2="${CHART.right}" y1="${y(t)}" y2="${y(t)}"/>`,
      `<text class="tick" x="${CHART.left - 6}" y="${y(t)}" dy="4" text-anchor="end">${xmlEscape(spec.format(t))}</text>`,
    );
  }
  if (pts.length) {
    out.push(
      `<text class="tick" x="${CHART.left}" y="${CHART.bottom + 18}">${xmlEscape(utcMinute(pts[0]!.createdAt))}</text>`,
      `<text class="tick" x="${CHART.right}" y="${CHART.bottom + 18}" text-anchor="end">${xmlEscape(utcMinute(pts.at(-1)!.createdAt))}</text>`,
    );
  }
  for (const b of drawn) {
    out.push(
      `<line class="budget ${b.level}" x1="${CHART.left}" x2="${CHART.right}" y1="${y(b.value)}" y2="${y(b.value)}"/>`,
      `<text class="budget-label ${b.level}" x="${CHART.right}" y="${y(b.value)}" dy="-4" text-anchor="end">${b.level} ${xmlEscape(spec.format(b.value))}</text>`,
    );
  }
  const band = bandPath(pts, x, y);
  if (band) out.push(`<path class="band" d="${band}"/>`);
  const whiskers = pts.map((p, i) => (p.ci95 ? `M${x(i)} ${y(p.ci95[1])}V${y(p.ci95[0])}` : '')).join('');
  if (whiskers) out.push(`<path class="whisker" d="${whiskers}"/>`);
  if (pts.length > 1)
    out.push(`<path class="line" d="M${pts.map((p, i) => `${x(i)} ${y(p.value)}`).join('L')}"/>`);
  pts.forEach((p, i) => {
    const dot = `<title>${xmlEscape(p.label)}</title><circle class="pt" cx="${x(i)}" cy="${y(p.value)}" r="3.5"/>`;
    out.push(p.href ? `<a href="${xmlEscape(p.href)}">${dot}</a>` : `<g>${dot}</g>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** The band over each run of consecutive points that have an interval: upper edge forward, lower back. */
function bandPath(pts: readonly ChartPoint[], x: (i: number) => string, y: (v: number) => string): string {
  let d = '';
  let seg: number[] = [];
  const flush = () => {
    if (seg.length > 1) {
      const up = seg.map((i) => `${x(i)} ${y(pts[i]!.ci95![1])}`);
      const down = [...seg].reverse().map((i) => `${x(i)} ${y(pts[i]!.ci95![0])}`);
      d += `M${[...up, ...down].join('L')}Z`;
    }
    seg = [];
  };
  pts.forEach((p, i) => (p.ci95 ? seg.push(i) : flush()));
  flush();
  return d;
}

function describe(spec: ChartSpec, above: readonly BudgetLine[]): string {
  const pts = spec.points;
  if (!pts.length) return 'No runs.';
  const last = pts.at(-1)!;
  const ci = last.ci95 ? ` (95 % interval ${spec.format(last.ci95[0])} to ${spec.format(last.ci95[1])})` : '';
  const notes = above.map((b) => ` The ${b.level} budget, ${spec.format(b.value)}, is above the chart.`);
  return (
    `${pts.length} runs from ${utcMinute(pts[0]!.createdAt)} to ${utcMinute(last.createdAt)}; ` +
    `latest ${spec.format(last.value)}${ci}.${notes.join('')}`
  );
}
