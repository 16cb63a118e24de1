import { formatEnergy } from '../../text/format-number.js';
import { axisFraction, type Axis, qualityText } from '../../report/pareto-axes.js';
import { frontierOf, MIN_CHART_POINTS, type ParetoChart, type ParetoPoint } from '../../report/pareto.js';
import { escapeMarkdown, mermaidSafe } from './escape.js';

/** The Pareto chart for GitHub markdown (job summary), which strips inline SVG: a Mermaid quadrantChart. */

/** A quadrant chart with more points is unreadable: the frontier first, then the rest in report order. */
export const MERMAID_MAX_POINTS = 40;

function mermaidPoints(chart: ParetoChart): ParetoPoint[] {
  const frontier = chart.points.filter((p) => p.frontier);
  const others = chart.points.filter((p) => !p.frontier);
  return [...frontier, ...others].slice(0, MERMAID_MAX_POINTS);
}

/**
 * A Mermaid quadrantChart block (fenced) of the chart: both axes scaled to 0.05–0.95 over the benchmarks'
 * range (energy on a log scale when it spans more than 10×), the axis labels state the real ranges. Names
 * and the metric pass through mermaidSafe, and names and axis texts are quoted (a name like "title" or
 * "-x" would otherwise break the chart; checked against Mermaid 11). '' when fewer than 2 benchmarks have
 * a quality figure.
 */
export function paretoMermaid(chart: ParetoChart): string {
  if (chart.points.length < MIN_CHART_POINTS) return '';
  const points = mermaidPoints(chart);
  const metric = mermaidSafe(chart.metric || 'quality');
  const es = points.map((p) => p.energyJ);
  const qs = points.map((p) => p.quality);
  const [eLo, eHi, qLo, qHi] = [Math.min(...es), Math.max(...es), Math.min(...qs), Math.max(...qs)];
  const log = eHi / eLo > 10;
  const x: Axis = { log, min: eLo, max: eHi, ticks: [] };
  const y: Axis = { log: false, min: qLo, max: qHi, ticks: [] };
  // Inset from the border, where Mermaid would cut a dot and its name in half.
  const coord = (v: number) => String(Math.round((0.05 + 0.9 * v) * 1000) / 1000);
  // mermaidSafe keeps letters, digits, space . _ -: a formatted figure ("3.90 J", "1.20 kWh") survives it.
  const energy = (j: number) => mermaidSafe(formatEnergy(j));
  return [
    '```mermaid',
    'quadrantChart',
    `  title ${metric} against energy`,
    // Quoted, like the names: a metric called "title" or "x-axis" would otherwise be read as a keyword.
    `  x-axis "low energy ${energy(eLo)}" --> "high energy ${energy(eHi)}${log ? ' log scale' : ''}"`,
    `  y-axis "low ${metric} ${mermaidSafe(qualityText(qLo))}" --> "high ${metric} ${mermaidSafe(qualityText(qHi))}"`,
    ...points.map(
      (p) =>
        `  "${mermaidSafe(p.name)}": [${coord(axisFraction(x, p.energyJ))}, ${coord(axisFraction(y, p.quality))}]`,
    ),
    '```',
  ].join('\n');
}

/**
 * For the job summary: a one-line caption (the metric, what the frontier means, which benchmarks are on
 * it) and the Mermaid chart. '' when there is no chart.
 */
export function paretoMarkdown(chart: ParetoChart): string {
  const block = paretoMermaid(chart);
  if (!block) return '';
  const metric = escapeMarkdown(chart.metric, 64);
  const names = frontierOf(chart).map((p) => escapeMarkdown(p.name, 100));
  const shown = Math.min(chart.points.length, MERMAID_MAX_POINTS);
  const notes = [
    shown < chart.points.length
      ? `${shown} of ${chart.points.length} benchmarks shown, the frontier first.`
      : '',
    chart.otherMetrics > 0
      ? `${chart.otherMetrics} benchmark${chart.otherMetrics === 1 ? '' : 's'} with another quality metric not charted.`
      : '',
  ].filter(Boolean);
  const caption =
    `**Pareto chart: ${metric} against energy.** The frontier, benchmarks no other beats on both ` +
    `(less energy and higher ${metric}): ${names.join(', ')}.` +
    (notes.length ? ` ${notes.join(' ')}` : '');
  return `${caption}\n\n${block}\n`;
}
