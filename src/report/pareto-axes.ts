import { formatEnergy, roundSignificant } from '../text/format-number.js';

/**
 * The Pareto chart's geometry: the viewBox, the axes (energy logarithmic when it spans more than 10×,
 * quality linear, round ticks) and the placement of dot labels apart from each other and inside the box.
 * Pure; pareto-svg.ts draws with it and src/github/render/pareto-mermaid.ts scales points with it.
 */

export const SVG_WIDTH = 640;
export const SVG_HEIGHT = 400;

/** The plot area inside the viewBox (axes, ticks and titles go around it). */
export const PLOT = { left: 64, right: SVG_WIDTH - 20, top: 40, bottom: SVG_HEIGHT - 56 } as const;

/** Dot labels: the font size and a generous average glyph width, used to keep labels apart and inside. */
export const LABEL_FONT_PX = 11;
export const LABEL_CHAR_PX = 6.6;
export const LABEL_MAX_CHARS = 28;

export interface Axis {
  log: boolean;
  /** The domain, in data units (J or quality). */
  min: number;
  max: number;
  ticks: number[];
}

/** The round step nearest `raw`: 1, 2 or 5 × 10^k. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * power;
}

/** Linear ticks about `count` apart over [lo, hi], the domain widened to whole steps. */
function linearAxis(lo: number, hi: number, count: number, floor?: number): Axis {
  const step = niceStep((hi - lo) / count);
  let min = Math.floor(lo / step) * step;
  if (floor !== undefined) min = Math.max(floor, min);
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step * 1e-9; i++)
    ticks.push(Number((min + i * step).toPrecision(12)));
  return { log: false, min, max, ticks };
}

/** The display unit (J, Wh, kWh) formatEnergy uses for the axis' largest value: ticks are round in it. */
function energyUnit(max: number): number {
  return max >= 3.6e6 ? 3.6e6 : max >= 3600 ? 3600 : max >= 1 ? 1 : 1e-3;
}

/** The energy axis: logarithmic when the values span more than 10×, else linear. */
export function energyAxis(energies: readonly number[]): Axis {
  if (energies.length === 0) return { log: false, min: 0, max: 10, ticks: [0, 2, 4, 6, 8, 10] };
  const lo = Math.min(...energies);
  const hi = Math.max(...energies);
  const unit = energyUnit(hi);
  if (hi / lo > 10) {
    const [l0, l1] = [Math.log10(lo), Math.log10(hi)];
    const pad = (l1 - l0) * 0.06;
    const [min, max] = [10 ** (l0 - pad), 10 ** (l1 + pad)];
    const decades: number[] = [];
    const u = Math.log10(unit);
    for (let d = Math.floor(l0 - pad - u); d <= Math.ceil(l1 + pad - u); d++) decades.push(d);
    const within = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
    const at = (mantissas: number[], every = 1) =>
      decades
        .filter((d) => d % every === 0)
        .flatMap((d) => mantissas.map((m) => Number((m * 10 ** d * unit).toPrecision(12))))
        .filter(within);
    let ticks = at([1, 2, 5]);
    if (ticks.length > 9) ticks = at([1]);
    for (let every = 2; ticks.length > 9; every++) ticks = at([1], every);
    return { log: true, min, max, ticks };
  }
  const pad = hi > lo ? (hi - lo) * 0.08 : hi * 0.2;
  const axis = linearAxis((lo - pad) / unit, (hi + pad) / unit, 5, 0);
  return { ...axis, min: axis.min * unit, max: axis.max * unit, ticks: axis.ticks.map((t) => t * unit) };
}

/** The quality axis: linear, round ticks. */
export function qualityAxis(qualities: readonly number[]): Axis {
  if (qualities.length === 0) return linearAxis(0, 1, 5);
  const lo = Math.min(...qualities);
  const hi = Math.max(...qualities);
  const pad = hi > lo ? (hi - lo) * 0.08 : Math.abs(hi) * 0.05 || 0.5;
  return linearAxis(lo - pad, hi + pad, 5);
}

/** Where `v` falls on the axis, 0 (min) to 1 (max). */
export function axisFraction(axis: Axis, v: number): number {
  if (axis.max === axis.min) return 0.5;
  const t = axis.log
    ? (Math.log10(v) - Math.log10(axis.min)) / (Math.log10(axis.max) - Math.log10(axis.min))
    : (v - axis.min) / (axis.max - axis.min);
  return Math.min(1, Math.max(0, t));
}

/** formatEnergy without trailing zeros: a tick at 5 J reads "5 J", not "5.00 J". */
export function energyTick(joules: number): string {
  return formatEnergy(joules).replace(/\.(\d*?)0+(?= )/, (_, d: string) => (d ? `.${d}` : ''));
}

export function qualityTick(axis: Axis): (v: number) => string {
  // As few decimals as make every tick exact: 0.9, 0.95 → 2; 10, 20 → 0.
  let decimals = 0;
  while (
    decimals < 6 &&
    axis.ticks.some((t) => Math.abs(t * 10 ** decimals - Math.round(t * 10 ** decimals)) > 1e-6)
  )
    decimals++;
  return (v) => v.toFixed(decimals);
}

/** A quality as read in text: 3 significant digits. */
export function qualityText(q: number): string {
  return String(roundSignificant(q, 3));
}

// ─── label placement ────────────────────────────────────────────────────────────────────────────────

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PlacedLabel {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

function labelBox(x: number, y: number, anchor: PlacedLabel['anchor'], width: number): Box {
  const x0 = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
  return { x0, y0: y - LABEL_FONT_PX + 2, x1: x0 + width, y1: y + 3 };
}

// Tried in this order around a dot: right, left, the four diagonals, above, below; then, for crowded dots,
// rows further up and down (each [dx, dy, anchor, how far from the dot's own spots]).
const SPOTS: [number, number, PlacedLabel['anchor'], number][] = [
  [8, 4, 'start', 0],
  [-8, 4, 'end', 0],
  [7, -7, 'start', 0],
  [7, 15, 'start', 0],
  [-7, -7, 'end', 0],
  [-7, 15, 'end', 0],
  [0, -9, 'middle', 0],
  [0, 19, 'middle', 0],
  ...[1, 2, 3].flatMap((k): [number, number, PlacedLabel['anchor'], number][] => [
    [7, -7 - 12 * k, 'start', 12 * k],
    [7, 15 + 12 * k, 'start', 12 * k],
    [-7, -7 - 12 * k, 'end', 12 * k],
    [-7, 15 + 12 * k, 'end', 12 * k],
  ]),
];

/**
 * One label per dot, greedily (frontier points first): the first spot next to the dot that overlaps no
 * label, dot or obstacle (the step line) and stays in the plot area, else the spot (up to 3 rows away)
 * that overlaps least. Every label stays inside the viewBox (moved in when a spot would cross its edge).
 */
export function placeLabels(
  dots: readonly { x: number; y: number; r: number; text: string; first: boolean }[],
  obstacles: readonly Box[] = [],
): PlacedLabel[] {
  const placed: (PlacedLabel | undefined)[] = new Array(dots.length);
  const dotBoxes = [
    ...dots.map((d) => ({ x0: d.x - d.r, y0: d.y - d.r, x1: d.x + d.r, y1: d.y + d.r })),
    ...obstacles,
  ];
  const taken: Box[] = [];
  const order = dots
    .map((_, i) => i)
    .sort((a, b) => Number(dots[b]!.first) - Number(dots[a]!.first) || a - b);
  const area: Box = { x0: PLOT.left, y0: PLOT.top, x1: PLOT.right, y1: PLOT.bottom };
  for (const i of order) {
    const d = dots[i]!;
    const width = Array.from(d.text).length * LABEL_CHAR_PX;
    let best: { label: PlacedLabel; score: number } | undefined;
    for (const [dx, dy, anchor, far] of SPOTS) {
      let [x, y] = [d.x + dx, d.y + dy];
      let box = labelBox(x, y, anchor, width);
      // Inside the viewBox, whatever else: shift the spot in.
      const shiftX = Math.max(0, 2 - box.x0) - Math.max(0, box.x1 - (SVG_WIDTH - 2));
      const shiftY = Math.max(0, 2 - box.y0) - Math.max(0, box.y1 - (SVG_HEIGHT - 2));
      [x, y] = [x + shiftX, y + shiftY];
      box = labelBox(x, y, anchor, width);
      const boxArea = (box.x1 - box.x0) * (box.y1 - box.y0);
      let score = boxArea - overlap(box, area); // outside the plot: may hide tick labels
      score += Math.abs(shiftX) + Math.abs(shiftY) + 2 * far; // away from its dot
      for (const t of taken) score += 4 * overlap(box, t);
      for (const b of dotBoxes) score += 4 * overlap(box, b);
      if (!best || score < best.score) best = { label: { text: d.text, x, y, anchor, box }, score };
      if (score === 0) break;
    }
    placed[i] = best!.label;
    taken.push(best!.label.box);
  }
  return placed as PlacedLabel[];
}

// ─── the SVG ────────────────────────────────────────────────────────────────────────────────────────
