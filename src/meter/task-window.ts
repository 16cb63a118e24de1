/**
 * Task windows: a benchmark marks the part of its run that matters (training, inference) by appending lines
 * to the file named by $CARBON_GATE_MARKERS_FILE:
 *
 *     start [seconds]
 *     stop [seconds]
 *
 * `seconds` is optional: the CLOCK_MONOTONIC time of the mark (Python `time.monotonic()`, Node
 * `process.hrtime.bigint()` ÷ 1e9). Without it the mark is placed when carbon-gate read the line, which it
 * does as soon as the file changes. Several windows per run are summed. The meter samples at each mark, so
 * the window's figures come from readings taken at its edges, not from the nearest interval tick.
 *
 * Anything malformed, unbalanced or outside the run voids the windows of that run (a warning on the sample;
 * the whole run is reported and judged as if unmarked): a partial window would be a figure nobody asked for.
 */

export const MARKERS_ENV = 'CARBON_GATE_MARKERS_FILE';

/** The markers of one run may take at most this many bytes, and mark at most this many windows. */
export const MARKER_LIMITS = { bytes: 64 * 1024, windows: 10_000 } as const;

/** A line of the markers file and when carbon-gate read it, s, on the monotonic clock. */
export interface MarkerLine {
  text: string;
  seenS: number;
}

export interface Marker {
  kind: 'start' | 'stop';
  tS: number;
}

/** How far a mark's own time may lie outside [run start, when it was read]: clocks read a little apart. */
const SLACK_S = 0.05;
const LINE = /^\s*(start|stop)(?:\s+(\d{1,12}(?:\.\d{1,17})?))?\s*$/;

const quoted = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** One line: a marker, nothing (blank), or why it is not one. */
export function parseMarkerLine(
  line: MarkerLine,
  lineNo: number,
  runStartS: number,
): Marker | null | { problem: string } {
  if (line.text.trim() === '') return null;
  const m = LINE.exec(line.text);
  if (!m)
    return {
      problem: `line ${lineNo}: expected "start" or "stop", optionally followed by a CLOCK_MONOTONIC time in seconds; got ${quoted(line.text)}`,
    };
  const kind = m[1] as Marker['kind'];
  if (m[2] === undefined) return { kind, tS: line.seenS };
  const tS = Number(m[2]);
  if (tS < runStartS - SLACK_S || tS > line.seenS + SLACK_S)
    return {
      problem: `line ${lineNo}: ${kind} at ${m[2]} s is outside the run (${runStartS.toFixed(3)}–${line.seenS.toFixed(3)} s on CLOCK_MONOTONIC)`,
    };
  return { kind, tS };
}

export type Windows = { windows: [number, number][] } | { problem: string };

/** start/stop pairs, in order; any other sequence is a problem. */
export function pairWindows(markers: readonly Marker[]): Windows {
  const windows: [number, number][] = [];
  let open: number | null = null;
  let last = -Infinity;
  for (const [i, m] of markers.entries()) {
    const which = `marker ${i + 1} (${m.kind})`;
    if (m.tS < last) return { problem: `${which} is earlier than the marker before it` };
    last = m.tS;
    if (m.kind === 'start') {
      if (open !== null) return { problem: `${which}: a window is already open` };
      open = m.tS;
    } else {
      if (open === null) return { problem: `${which}: no window is open` };
      windows.push([open, m.tS]);
      open = null;
      if (windows.length > MARKER_LIMITS.windows)
        return { problem: `more than ${MARKER_LIMITS.windows} windows` };
    }
  }
  if (open !== null) return { problem: 'the last window was started but never stopped' };
  return { windows };
}

/** Cumulative readings at one instant: every window figure is a difference of two of these. */
export interface SeriesPoint {
  tS: number;
  /** Energy so far, J (integrated model power, or a counter such as RAPL's). */
  energyJ: number;
  /** System CPU counters (any consistent unit) and the tracked tree's CPU time, s. */
  busy: number;
  total: number;
  treeCpuS: number;
}

/** The series at `t`, linear between the readings around it, held at the ends. */
export function pointAt(series: readonly SeriesPoint[], t: number): SeriesPoint {
  const first = series[0]!;
  const last = series.at(-1)!;
  if (t <= first.tS) return first;
  if (t >= last.tS) return last;
  let lo = 0;
  let hi = series.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (series[mid]!.tS <= t) lo = mid;
    else hi = mid;
  }
  const a = series[lo]!;
  const b = series[hi]!;
  const f = b.tS > a.tS ? (t - a.tS) / (b.tS - a.tS) : 0;
  const at = (k: keyof SeriesPoint) => a[k] + (b[k] - a[k]) * f;
  return { tS: t, energyJ: at('energyJ'), busy: at('busy'), total: at('total'), treeCpuS: at('treeCpuS') };
}

/** What happened between two readings: the deltas attribution and the task figures are made of. */
export interface Span {
  durationS: number;
  energyJ: number;
  busy: number;
  total: number;
  treeCpuS: number;
}

export function spanBetween(a: SeriesPoint, b: SeriesPoint): Span {
  return {
    durationS: Math.max(0, b.tS - a.tS),
    energyJ: Math.max(0, b.energyJ - a.energyJ),
    busy: Math.max(0, b.busy - a.busy),
    total: Math.max(0, b.total - a.total),
    treeCpuS: Math.max(0, b.treeCpuS - a.treeCpuS),
  };
}

/** Every window's span, one after the other. */
export function windowSpans(series: readonly SeriesPoint[], windows: readonly [number, number][]): Span[] {
  return windows.map(([t0, t1]) => spanBetween(pointAt(series, t0), pointAt(series, t1)));
}
