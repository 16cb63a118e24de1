import { xmlEscape } from '../report/pareto-svg.js';
import { c, CHART, valueAxis, xOf, yOf } from './axis.js';

/**
 * Every run of a series as one path, however many: runs are grouped into the plot's columns (one per
 * viewBox unit) and each column draws its lowest and highest value, so the path stays under about 1,400
 * points at 5,000 runs (or 50,000) and no spike is hidden. The last `recent` runs, drawn in full in the
 * chart above it, are shaded.
 */

export interface OverviewSpec {
  id: string;
  title: string;
  format: (v: number) => string;
  values: readonly number[];
  recent: number;
}

const HEIGHT = 120;
const TOP = 26;
const BOTTOM = HEIGHT - 12;

export function overviewSvg(spec: OverviewSpec): string {
  const id = spec.id.replace(/[^A-Za-z0-9_-]/g, '') || 'overview';
  const v = spec.values;
  const axis = valueAxis(v);
  const y = (x: number) => c(yOf(axis, x, TOP, BOTTOM));
  const width = CHART.right - CHART.left;
  const at = (i: number) => xOf(i, v.length);
  const out = [
    `<svg class="chart overview" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART.width} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${xmlEscape(spec.title)}</title>`,
    `<desc id="${id}-desc">${xmlEscape(describe(spec))}</desc>`,
    `<text class="title" x="${CHART.left}" y="16">${xmlEscape(spec.title)}</text>`,
  ];
  if (v.length) {
    const from = at(Math.max(0, v.length - spec.recent));
    out.push(
      `<rect class="recent" x="${c(from)}" y="${TOP}" width="${c(Math.max(2, CHART.right - from))}" height="${BOTTOM - TOP}"/>`,
      `<text class="tick" x="${CHART.left - 6}" y="${y(axis.max)}" dy="4" text-anchor="end">${xmlEscape(spec.format(axis.max))}</text>`,
      `<text class="tick" x="${CHART.left - 6}" y="${y(axis.min)}" dy="4" text-anchor="end">${xmlEscape(spec.format(axis.min))}</text>`,
      `<path class="line" d="${columnsPath(v, width, at, y)}"/>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}

/** Min and max per column, in run order; a plain polyline when there are fewer runs than columns. */
function columnsPath(
  v: readonly number[],
  width: number,
  at: (i: number) => number,
  y: (x: number) => string,
): string {
  if (v.length === 1) return `M${c(at(0) - 2)} ${y(v[0]!)}H${c(at(0) + 2)}`;
  if (v.length <= width) return 'M' + v.map((x, i) => `${c(at(i))} ${y(x)}`).join('L');
  const parts: string[] = [];
  let start = 0;
  for (let col = 0; col < width; col++) {
    const end = Math.round(((col + 1) * v.length) / width);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < end; i++) {
      lo = Math.min(lo, v[i]!);
      hi = Math.max(hi, v[i]!);
    }
    start = end;
    if (lo === Infinity) continue;
    const x = c(CHART.left + col + 0.5);
    parts.push(`${x} ${y(lo)}`, `${x} ${y(hi)}`);
  }
  return 'M' + parts.join('L');
}

function describe(spec: OverviewSpec): string {
  const v = spec.values;
  if (!v.length) return 'No runs.';
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return `All ${v.length} runs, oldest to newest: from ${spec.format(lo)} to ${spec.format(hi)}; the last ${Math.min(spec.recent, v.length)} shaded.`;
}
