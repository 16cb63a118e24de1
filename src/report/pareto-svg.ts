import { formatEnergy } from '../text/format-number.js';
import {
  axisFraction,
  type Axis,
  type Box,
  LABEL_CHAR_PX,
  LABEL_FONT_PX,
  energyAxis,
  energyTick,
  LABEL_MAX_CHARS,
  placeLabels,
  PLOT,
  qualityAxis,
  qualityText,
  qualityTick,
  SVG_HEIGHT,
  SVG_WIDTH,
} from './pareto-axes.js';
import { frontierOf, type ParetoChart, type ParetoPoint } from './pareto.js';

/**
 * The Pareto chart (paretoPoints in pareto.ts) as a standalone SVG (no script, no external reference; light
 * and dark themes) for the CLI's pareto.svg. GitHub markdown strips inline SVG: the job
 * summary draws the same chart with Mermaid (src/github/render/pareto-mermaid.ts).
 */

/** The file the CLI writes beside carbon-report.json. */
export const PARETO_FILE = 'pareto.svg';

const TITLE_MAX_CHARS = 48;

export interface ParetoSvgOptions {
  /** The heading drawn and read to screen readers; default "<metric> against energy". */
  title?: string;
  /** Prefix of the SVG's element ids (several charts on one page): letters, digits, - and _ kept. */
  idPrefix?: string;
}

// ─── escaping ───────────────────────────────────────────────────────────────────────────────────────

// Not allowed in XML 1.0 (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF), plus the bidi and
// zero-width characters that could hide or reorder a label.
const XML_UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for XML content or a quoted attribute: & < > " ' escaped, characters XML forbids removed. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\t\r\n]+/g, ' ')
    .replace(XML_UNSAFE, '')
    .replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

/** At most `max` characters (code points, so no surrogate pair is cut), an ellipsis when cut. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
}

// ─── scales ─────────────────────────────────────────────────────────────────────────────────────────

const STYLE = `
  .bg { fill: #ffffff; }
  text { fill: #1f2328; font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: ${LABEL_FONT_PX}px; }
  .title { font-size: 14px; font-weight: 600; }
  .tick, .axis-label { fill: #59636e; }
  .axis { stroke: #59636e; stroke-width: 1; }
  .grid { stroke: #d1d9e0; stroke-width: 1; }
  .dot { fill: #818b98; stroke: #ffffff; stroke-width: 1; }
  .dot.frontier { fill: #1a7f37; stroke: #ffffff; stroke-width: 1.5; }
  .step { fill: none; stroke: #1a7f37; stroke-width: 2; stroke-opacity: 0.6; }
  @media (prefers-color-scheme: dark) {
    .bg { fill: #0d1117; }
    text { fill: #f0f6fc; }
    .tick, .axis-label { fill: #9198a1; }
    .axis { stroke: #9198a1; }
    .grid { stroke: #3d444d; }
    .dot { fill: #9198a1; stroke: #0d1117; }
    .dot.frontier { fill: #3fb950; stroke: #0d1117; }
    .step { stroke: #3fb950; }
  }
`;

const n = (v: number) => (Math.round(v * 10) / 10).toString();

/**
 * A standalone SVG (640 × 400 viewBox) of the chart: energy across (log scale when the values span more
 * than 10×), quality up, a dot and a label per benchmark, the frontier's dots emphasised and joined by a
 * step line; a <title> and <desc> for screen readers; light and dark colours. Every string from the report
 * is XML-escaped; nothing is fetched or run.
 */
export function paretoSvg(chart: ParetoChart, opts: ParetoSvgOptions = {}): string {
  const id = (opts.idPrefix ?? 'pareto').replace(/[^A-Za-z0-9_-]/g, '') || 'pareto';
  const metric = chart.metric || 'quality';
  const points = chart.points;
  const xAxis = energyAxis(points.map((p) => p.energyJ));
  const yAxis = qualityAxis(points.map((p) => p.quality));
  const px = (e: number) => PLOT.left + axisFraction(xAxis, e) * (PLOT.right - PLOT.left);
  const py = (q: number) => PLOT.bottom - axisFraction(yAxis, q) * (PLOT.bottom - PLOT.top);
  const yTick = qualityTick(yAxis);
  const title = truncate(opts.title ?? `${metric} against energy`, TITLE_MAX_CHARS);
  const out: string[] = [];

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SVG_WIDTH} ${SVG_HEIGHT}" width="${SVG_WIDTH}" height="${SVG_HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${xmlEscape(title)}</title>`,
    `<desc id="${id}-desc">${xmlEscape(describe(chart, xAxis))}</desc>`,
    `<style>${STYLE}</style>`,
    `<rect class="bg" width="${SVG_WIDTH}" height="${SVG_HEIGHT}"/>`,
    `<text class="title" x="16" y="24">${xmlEscape(title)}</text>`,
  );
  // Legend, top right.
  out.push(
    `<g class="legend" aria-hidden="true">`,
    `<circle class="dot frontier" cx="${SVG_WIDTH - 150}" cy="20" r="5"/><text x="${SVG_WIDTH - 141}" y="24">frontier</text>`,
    `<circle class="dot" cx="${SVG_WIDTH - 80}" cy="20" r="4"/><text x="${SVG_WIDTH - 71}" y="24">others</text>`,
    `</g>`,
  );
  // Grid, ticks and axes.
  out.push(`<g class="axes" aria-hidden="true">`);
  for (const t of xAxis.ticks) {
    const x = px(t);
    const label = energyTick(t);
    const half = (label.length * LABEL_CHAR_PX) / 2;
    const anchor = x + half > SVG_WIDTH - 2 ? 'end' : x - half < 2 ? 'start' : 'middle';
    out.push(
      `<line class="grid" x1="${n(x)}" y1="${PLOT.top}" x2="${n(x)}" y2="${PLOT.bottom}"/>`,
      `<text class="tick" x="${n(x)}" y="${PLOT.bottom + 16}" text-anchor="${anchor}">${xmlEscape(label)}</text>`,
    );
  }
  for (const t of yAxis.ticks) {
    const y = py(t);
    out.push(
      `<line class="grid" x1="${PLOT.left}" y1="${n(y)}" x2="${PLOT.right}" y2="${n(y)}"/>`,
      `<text class="tick" x="${PLOT.left - 6}" y="${n(y + 4)}" text-anchor="end">${yTick(t)}</text>`,
    );
  }
  out.push(
    `<line class="axis" x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}"/>`,
    `<line class="axis" x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}"/>`,
    `<text class="axis-label" x="${n((PLOT.left + PLOT.right) / 2)}" y="${SVG_HEIGHT - 14}" text-anchor="middle">energy per run${xAxis.log ? ' (log scale)' : ''}</text>`,
    `<text class="axis-label" x="16" y="${n((PLOT.top + PLOT.bottom) / 2)}" text-anchor="middle" transform="rotate(-90 16 ${n((PLOT.top + PLOT.bottom) / 2)})">${xmlEscape(truncate(metric, 40))}</text>`,
    `</g>`,
  );
  // The frontier as a step line: between two frontier points, the best quality reachable is the lower one's.
  const frontier = frontierOf(chart);
  const segments: Box[] = [];
  if (frontier.length > 1) {
    const [first, ...rest] = frontier;
    let [x, y] = [px(first!.energyJ), py(first!.quality)];
    const d = [`M${n(x)} ${n(y)}`];
    for (const p of rest) {
      const [x2, y2] = [px(p.energyJ), py(p.quality)];
      d.push(`H${n(x2)}V${n(y2)}`);
      segments.push(
        { x0: x, y0: y - 2, x1: x2, y1: y + 2 },
        { x0: x2 - 2, y0: Math.min(y, y2), x1: x2 + 2, y1: Math.max(y, y2) },
      );
      [x, y] = [x2, y2];
    }
    out.push(`<path class="step" d="${d.join('')}" aria-hidden="true"/>`);
  }
  // Dots (the frontier's drawn last, on top) and their labels.
  const dots = points.map((p) => ({
    x: px(p.energyJ),
    y: py(p.quality),
    r: p.frontier ? 5.5 : 4,
    text: truncate(p.name, LABEL_MAX_CHARS),
    first: p.frontier,
  }));
  const labels = placeLabels(dots, segments);
  const order = points
    .map((_, i) => i)
    .sort((a, b) => Number(points[a]!.frontier) - Number(points[b]!.frontier));
  out.push(`<g class="points">`);
  for (const i of order) {
    const p = points[i]!;
    const d = dots[i]!;
    const tip = `${p.name}: ${formatEnergy(p.energyJ)}, ${metric} ${qualityText(p.quality)}${p.frontier ? ' (frontier)' : ''}`;
    out.push(
      `<g class="point${p.frontier ? ' frontier' : ''}">`,
      `<circle class="dot${p.frontier ? ' frontier' : ''}" cx="${n(d.x)}" cy="${n(d.y)}" r="${d.r}"><title>${xmlEscape(tip)}</title></circle>`,
    );
    const l = labels[i]!;
    out.push(
      `<text class="label" x="${n(l.x)}" y="${n(l.y)}" text-anchor="${l.anchor}">${xmlEscape(l.text)}</text>`,
      `</g>`,
    );
  }
  out.push(`</g>`, `</svg>`);
  return out.join('\n') + '\n';
}

/** The chart in words, for screen readers (the SVG's <desc>). Unescaped. */
function describe(chart: ParetoChart, xAxis: Axis): string {
  const metric = chart.metric || 'quality';
  if (chart.points.length === 0) return `No benchmark reported ${metric} with its energy.`;
  const es = chart.points.map((p) => p.energyJ);
  const qs = chart.points.map((p) => p.quality);
  const item = (p: ParetoPoint) => `${p.name} (${formatEnergy(p.energyJ)}, ${qualityText(p.quality)})`;
  const others = chart.points.filter((p) => !p.frontier);
  return [
    `${metric} against energy per run for ${chart.points.length} benchmark${chart.points.length === 1 ? '' : 's'}:`,
    `energy ${formatEnergy(Math.min(...es))} to ${formatEnergy(Math.max(...es))}${xAxis.log ? ' (log scale)' : ''},`,
    `${metric} ${qualityText(Math.min(...qs))} to ${qualityText(Math.max(...qs))}.`,
    `Frontier (no other benchmark uses less energy and reaches higher ${metric}): ${frontierOf(chart).map(item).join('; ')}.`,
    others.length ? `Others: ${others.map(item).join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

// ─── Mermaid, for GitHub markdown ──────────────────────────────────────────────────────────────────
