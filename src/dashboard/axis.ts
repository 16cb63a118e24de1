import { axisFraction, qualityAxis, type Axis } from '../report/pareto-axes.js';

/** Chart geometry shared by the dashboard's charts (viewBox units; the SVG scales to the page's width). */
export const CHART = { width: 760, height: 250, left: 72, right: 744, top: 34, bottom: 214 } as const;

/** A linear axis with round ticks over the values (pareto-axes.ts), never below 0: energies and masses. */
export function valueAxis(values: readonly number[]): Axis {
  const axis = qualityAxis(values.length ? values : [0, 1]);
  if (axis.min >= 0) return axis;
  return { ...axis, min: 0, ticks: axis.ticks.filter((t) => t >= 0) };
}

/** The y of `v` between `top` and `bottom` (the chart's plot by default), clamped to them. */
export function yOf(axis: Axis, v: number, top: number = CHART.top, bottom: number = CHART.bottom): number {
  return bottom - axisFraction(axis, v) * (bottom - top);
}

/** The x of point `i` of `n`, evenly spaced: one step per recorded run, whatever the time between them. */
export function xOf(i: number, n: number): number {
  const t = n <= 1 ? 0.5 : i / (n - 1);
  return CHART.left + t * (CHART.right - CHART.left);
}

/** One decimal: enough for a 760-unit viewBox, and it keeps paths of thousands of points small. */
export const c = (v: number) => (Math.round(v * 10) / 10).toString();
