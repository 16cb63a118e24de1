import { z } from 'zod';

/**
 * "Cleaner when": the same job started later, when the grid is forecast to be cleaner. Pure: forecast
 * points in, the lowest-average window out; the providers' clients live in io/forecast.ts.
 */

export const FORECAST_SOURCES = ['electricity-maps', 'watttime', 'uk'] as const;
export type ForecastSource = (typeof FORECAST_SOURCES)[number];

/** One forecast slot: from `startMs` (epoch ms) for `slotS` seconds at `gPerKwh`. */
export interface ForecastPoint {
  startMs: number;
  slotS: number;
  gPerKwh: number;
}

/** A provider's forecast, fetched once per run (src/carbon/io/forecast.ts). */
export interface Forecast {
  intensitySource: ForecastSource;
  /** Human-readable provenance: provider, zone, method. */
  source: string;
  /** lifecycle | operational | marginal. */
  method: string;
  fetchedAt: string;
  points: ForecastPoint[];
}

/** Windows start at most this far ahead of now and end within it (and within the forecast). */
export const MAX_HORIZON_S = 48 * 3600;
/** Below this a later start is not worth a hint: "now is as good". */
export const MIN_SAVING_SHARE = 0.01;

const nonNegative = z.number().nonnegative();
const time = z.string().max(40);

// Report fields (carbon.forecast, benchmarks[].cleanerWhen): src/report/schema.ts builds on these.
export const ForecastInfoSchema = z.object({
  intensitySource: z.enum(FORECAST_SOURCES),
  source: z.string().max(300),
  method: z.string().max(100),
  fetchedAt: time,
  /** The span the forecast covers (first slot's start, last slot's end). */
  from: time,
  to: time,
  points: z.number().int().min(0).max(100_000),
});
export type ForecastInfo = z.infer<typeof ForecastInfoSchema>;

export const CleanerWhenSchema = z.object({
  /** The lowest-average window of the job's duration; "now" itself when no later start saves ≥ 1 %. */
  start: time,
  end: time,
  durationS: nonNegative,
  avgGPerKwh: nonNegative,
  /** The same window length starting now (or at the forecast's first slot, when that is within one slot). */
  nowGPerKwh: nonNegative,
  /** 1 − avg ÷ now: the share of operational CO2e a later start avoids. */
  savingShare: z.number().min(0).max(1),
  /** energy drawn (IT × PUE, kWh) × (now − avg); absent when no energy is known (`carbon-gate when`). */
  co2eSavedG: nonNegative.optional(),
  /** Windows were searched up to here: the forecast's end or now + 48 h, whichever is first. */
  horizonEnd: time,
});
export type CleanerWhen = z.infer<typeof CleanerWhenSchema>;

export interface CleanerWhenInput {
  points: readonly ForecastPoint[];
  durationS: number;
  nowMs: number;
  /** Energy the job draws from the grid (IT energy × PUE), kWh: gives co2eSavedG. */
  energyKwh?: number;
  maxHorizonS?: number;
  minSavingShare?: number;
}

interface Segment {
  start: number;
  end: number;
  g: number;
}

/**
 * Sorted, finite, non-overlapping slots (an overlapped slot is cut at the next one's start), in ms from
 * `originMs`: small numbers keep sub-millisecond windows exact (epoch ms carry only ~0.2 µs of precision).
 */
function segments(points: readonly ForecastPoint[], originMs = 0): Segment[] {
  const ok = points
    .filter((p) => [p.startMs, p.slotS, p.gPerKwh].every(Number.isFinite) && p.slotS > 0 && p.gPerKwh >= 0)
    .map((p) => ({ start: p.startMs - originMs, end: p.startMs - originMs + p.slotS * 1000, g: p.gPerKwh }))
    .sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  for (const [i, s] of ok.entries()) {
    const next = ok[i + 1];
    const end = next ? Math.min(s.end, next.start) : s.end;
    if (end > s.start) out.push({ ...s, end });
  }
  return out;
}

/** Time-weighted mean over [from, from + lengthMs]; undefined when any part of it has no forecast. */
function windowAverage(segs: readonly Segment[], from: number, lengthMs: number): number | undefined {
  const to = from + lengthMs;
  let covered = 0;
  let integral = 0;
  for (const s of segs) {
    if (s.end <= from) continue;
    if (s.start >= to) break;
    const overlap = Math.min(s.end, to) - Math.max(s.start, from);
    covered += overlap;
    integral += overlap * s.g;
  }
  // Slots meet at whole milliseconds: a shortfall of more than a microsecond is a gap, not rounding. Over
  // what is covered, so that a window inside one slot averages exactly that slot's figure.
  return covered >= lengthMs - 1e-3 ? integral / covered : undefined;
}

// Whole milliseconds: now + (boundary − now) may land a hair below the boundary.
const iso = (ms: number) => new Date(Math.round(ms)).toISOString();

/**
 * The lowest-average-intensity window of `durationS` that starts now or later and ends within the forecast
 * and `maxHorizonS` (48 h) of now, compared with starting now. The average over a window is piecewise
 * linear in its start, so the minimum lies where the window's start or end meets a slot boundary: those
 * starts are the only candidates. Ties go to the earliest. Windows that cross a gap in the forecast are
 * skipped. null when no window fits (the job is longer than the forecast, the forecast is stale or begins
 * more than one slot from now, or it has a gap in the next `durationS`): no hint is better than a guess.
 */
export function cleanerWhen(inp: CleanerWhenInput): CleanerWhen | null {
  const { durationS, nowMs } = inp;
  if (!(durationS > 0) || !Number.isFinite(durationS) || !Number.isFinite(nowMs)) return null;
  // Times from here on are ms after now.
  const segs = segments(inp.points, nowMs);
  const first = segs[0];
  const last = segs[segs.length - 1];
  if (!first || !last) return null;
  const lengthMs = durationS * 1000;
  // A forecast that starts a little after now (the provider's next slot) still stands in for "now".
  const firstSlotMs = first.end - first.start;
  if (first.start > firstSlotMs) return null;
  const lo = Math.max(0, first.start);
  const hi = Math.min(last.end, (inp.maxHorizonS ?? MAX_HORIZON_S) * 1000);
  if (hi - lo < lengthMs) return null;
  const nowAvg = windowAverage(segs, lo, lengthMs);
  if (nowAvg === undefined) return null;
  const starts = new Set<number>([lo]);
  for (const s of segs) {
    for (const b of [s.start, s.end]) {
      for (const start of [b, b - lengthMs]) if (start >= lo && start + lengthMs <= hi) starts.add(start);
    }
  }
  let best = { start: lo, avg: nowAvg };
  for (const start of [...starts].sort((a, b) => a - b)) {
    const avg = windowAverage(segs, start, lengthMs);
    // Relative tolerance: float sums of equal slots must not pick a later start by rounding.
    if (avg !== undefined && avg < best.avg - 1e-9 * Math.max(1, best.avg)) best = { start, avg };
  }
  let saving = nowAvg > 0 ? (nowAvg - best.avg) / nowAvg : 0;
  if (saving < (inp.minSavingShare ?? MIN_SAVING_SHARE)) {
    best = { start: lo, avg: nowAvg };
    saving = 0;
  }
  return {
    start: iso(nowMs + best.start),
    end: iso(nowMs + best.start + lengthMs),
    durationS,
    avgGPerKwh: best.avg,
    nowGPerKwh: nowAvg,
    savingShare: Math.min(1, Math.max(0, saving)),
    ...(inp.energyKwh !== undefined ? { co2eSavedG: inp.energyKwh * (nowAvg - best.avg) } : {}),
    horizonEnd: iso(nowMs + hi),
  };
}

/** The report's provenance for a forecast: who, which method, and the span it covers. */
export function forecastInfo(f: Forecast): ForecastInfo | null {
  const segs = segments(f.points);
  const first = segs[0];
  const last = segs[segs.length - 1];
  if (!first || !last) return null;
  return {
    intensitySource: f.intensitySource,
    source: f.source,
    method: f.method,
    fetchedAt: f.fetchedAt,
    from: iso(first.start),
    to: iso(last.end),
    points: segs.length,
  };
}
