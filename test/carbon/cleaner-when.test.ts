import { describe, expect, it } from 'vitest';
import {
  cleanerWhen,
  CleanerWhenSchema,
  forecastInfo,
  type ForecastPoint,
} from '../../src/carbon/cleaner-when.js';

const T0 = Date.parse('2024-05-01T12:00:00.000Z');
const MIN = 60_000;
const H = 60 * MIN;
const at = (ms: number) => new Date(ms).toISOString();

/** Equal slots of `slotMin` minutes from `startMs`, one per value. */
function slots(values: number[], slotMin = 30, startMs = T0): ForecastPoint[] {
  return values.map((g, i) => ({ startMs: startMs + i * slotMin * MIN, slotS: slotMin * 60, gPerKwh: g }));
}
const flat48h = (g: number) => slots(Array.from({ length: 96 }, () => g));
/** 48 h of half-hours at 200, with `g` from slot `from` to slot `to` (exclusive). */
const dip = (from: number, to: number, g = 100, length = 96) =>
  slots(Array.from({ length }, (_, i) => (i >= from && i < to ? g : 200)));

interface Case {
  name: string;
  points: ForecastPoint[];
  durationS: number;
  nowMs?: number;
  expected: null | { start: string; avg: number; now: number; saving: number };
}

const CASES: Case[] = [
  {
    name: 'flat forecast: now is as good (no saving)',
    points: flat48h(200),
    durationS: 2 * 3600,
    expected: { start: at(T0), avg: 200, now: 200, saving: 0 },
  },
  {
    name: 'a dip 10–12 h ahead: start there, half the intensity',
    points: dip(20, 24),
    durationS: 2 * 3600,
    expected: { start: at(T0 + 10 * H), avg: 100, now: 200, saving: 0.5 },
  },
  {
    name: 'a dip shorter than the job: the window centred on it is as low as any',
    points: dip(20, 22),
    durationS: 2 * 3600,
    // Any 2 h window containing the whole 1 h dip averages 150; the earliest of them wins.
    expected: { start: at(T0 + 9 * H), avg: 150, now: 200, saving: 0.25 },
  },
  {
    name: 'a dip at the very end: the window ends with the forecast',
    points: dip(92, 96),
    durationS: 2 * 3600,
    expected: { start: at(T0 + 46 * H), avg: 100, now: 200, saving: 0.5 },
  },
  {
    name: 'a dip right now: now is best',
    points: dip(0, 4),
    durationS: 2 * 3600,
    expected: { start: at(T0), avg: 100, now: 100, saving: 0 },
  },
  {
    name: 'the job is longer than the forecast: no hint',
    points: slots([200, 100, 200, 100]),
    durationS: 3 * 3600,
    expected: null,
  },
  {
    name: 'the job is exactly as long as the forecast: only now fits',
    points: slots([200, 100, 200, 100]),
    durationS: 2 * 3600,
    expected: { start: at(T0), avg: 150, now: 150, saving: 0 },
  },
  {
    name: 'uneven slots: the best window starts inside a slot',
    points: [
      { startMs: T0, slotS: 3600, gPerKwh: 300 },
      { startMs: T0 + 60 * MIN, slotS: 1800, gPerKwh: 100 },
      { startMs: T0 + 90 * MIN, slotS: 900, gPerKwh: 50 },
      { startMs: T0 + 105 * MIN, slotS: 900, gPerKwh: 300 },
      { startMs: T0 + 120 * MIN, slotS: 3600, gPerKwh: 300 },
    ],
    durationS: 1800,
    // [75, 105) min: 15 min at 100 + 15 min at 50.
    expected: { start: at(T0 + 75 * MIN), avg: 75, now: 300, saving: 0.75 },
  },
  {
    name: 'a gap: windows across it are skipped, the clean hour after it is found',
    points: [
      { startMs: T0, slotS: 2 * 3600, gPerKwh: 300 },
      { startMs: T0 + 3 * H, slotS: 3600, gPerKwh: 50 },
    ],
    durationS: 3600,
    expected: { start: at(T0 + 3 * H), avg: 50, now: 300, saving: 1 - 50 / 300 },
  },
  {
    name: 'a gap: a window that would need it does not fit, so now stands',
    points: [
      { startMs: T0, slotS: 2 * 3600, gPerKwh: 300 },
      { startMs: T0 + 3 * H, slotS: 3600, gPerKwh: 50 },
    ],
    durationS: 2 * 3600,
    expected: { start: at(T0), avg: 300, now: 300, saving: 0 },
  },
  {
    name: 'a gap right after now, shorter than the job: no hint',
    points: [
      { startMs: T0, slotS: 1800, gPerKwh: 300 },
      { startMs: T0 + H, slotS: 4 * 3600, gPerKwh: 50 },
    ],
    durationS: 3600,
    expected: null,
  },
  {
    name: 'the forecast starts hours from now: no hint',
    points: slots([100, 100, 100, 100], 30, T0 + 3 * H),
    durationS: 1800,
    expected: null,
  },
  {
    name: 'the forecast starts within one slot of now: its first slot stands in for now',
    points: slots([300, 300, 100, 100, 300, 300]),
    nowMs: T0 - 10 * MIN,
    durationS: 3600,
    expected: { start: at(T0 + H), avg: 100, now: 300, saving: 2 / 3 },
  },
  {
    name: 'a stale forecast (all in the past): no hint',
    points: slots([100, 100]),
    nowMs: T0 + 5 * H,
    durationS: 600,
    expected: null,
  },
  {
    name: 'past slots are not candidates: the dip an hour ago is gone',
    points: slots([50, 50, 200, 200, 200, 150, 200, 200]),
    nowMs: T0 + H,
    durationS: 1800,
    expected: { start: at(T0 + 2.5 * H), avg: 150, now: 200, saving: 0.25 },
  },
  {
    name: 'now mid-slot: the window starting now is the weighted mean of two slots',
    points: slots([200, 100, 300, 300]),
    nowMs: T0 + 15 * MIN,
    durationS: 1800,
    expected: { start: at(T0 + 30 * MIN), avg: 100, now: 150, saving: 1 / 3 },
  },
  {
    name: 'beyond 48 h is not searched: a dip at 60 h is ignored',
    points: dip(120, 124, 100, 144),
    durationS: 2 * 3600,
    expected: { start: at(T0), avg: 200, now: 200, saving: 0 },
  },
  {
    name: 'a saving under 1 % is not worth a hint',
    points: dip(20, 24, 199),
    durationS: 2 * 3600,
    expected: { start: at(T0), avg: 200, now: 200, saving: 0 },
  },
  {
    name: 'two equal dips: the earlier wins',
    points: slots([200, 200, 100, 100, 200, 200, 100, 100, 200]),
    durationS: 3600,
    expected: { start: at(T0 + H), avg: 100, now: 200, saving: 0.5 },
  },
  {
    name: 'overlapping slots: each is cut at the next one’s start',
    points: [
      { startMs: T0, slotS: 7200, gPerKwh: 300 },
      { startMs: T0 + H, slotS: 3600, gPerKwh: 100 },
    ],
    durationS: 3600,
    expected: { start: at(T0 + H), avg: 100, now: 300, saving: 2 / 3 },
  },
  {
    name: 'unsorted points are sorted',
    points: slots([200, 200, 100, 200]).reverse(),
    durationS: 1800,
    expected: { start: at(T0 + H), avg: 100, now: 200, saving: 0.5 },
  },
  { name: 'no points: no hint', points: [], durationS: 3600, expected: null },
  { name: 'a zero duration: no hint', points: flat48h(200), durationS: 0, expected: null },
  { name: 'a NaN duration: no hint', points: flat48h(200), durationS: NaN, expected: null },
];

describe('cleanerWhen', () => {
  it.each(CASES)('$name', ({ points, durationS, nowMs, expected }) => {
    const r = cleanerWhen({ points, durationS, nowMs: nowMs ?? T0 });
    if (expected === null) {
      expect(r).toBeNull();
      return;
    }
    expect(r).not.toBeNull();
    expect(r!.start).toBe(expected.start);
    expect(r!.end).toBe(at(Date.parse(expected.start) + durationS * 1000));
    expect(r!.avgGPerKwh).toBeCloseTo(expected.avg, 9);
    expect(r!.nowGPerKwh).toBeCloseTo(expected.now, 9);
    expect(r!.savingShare).toBeCloseTo(expected.saving, 9);
    expect(r!.durationS).toBe(durationS);
    expect(r).not.toHaveProperty('co2eSavedG');
    expect(CleanerWhenSchema.safeParse(r).success).toBe(true);
  });

  it('CO2e saved = energy drawn × (now − window), in grams', () => {
    const r = cleanerWhen({ points: dip(20, 24), durationS: 7200, nowMs: T0, energyKwh: 0.5 });
    expect(r!.co2eSavedG).toBeCloseTo(0.5 * (200 - 100), 9);
    const flat = cleanerWhen({ points: flat48h(200), durationS: 7200, nowMs: T0, energyKwh: 0.5 });
    expect(flat!.co2eSavedG).toBe(0);
  });

  it('a job of a few milliseconds (a quick training benchmark) at epoch times: exact, never a false gap', () => {
    for (const durationS of [0.009524586999999998, 0.0001, 1e-7]) {
      const r = cleanerWhen({ points: dip(20, 24, 90), durationS, nowMs: T0 + 1234.567 });
      expect(r).toMatchObject({ start: at(T0 + 10 * H), avgGPerKwh: 90, nowGPerKwh: 200, savingShare: 0.55 });
    }
  });

  it('the horizon ends with the forecast, or 48 h from now if that is sooner', () => {
    expect(cleanerWhen({ points: flat48h(1), durationS: 60, nowMs: T0 })!.horizonEnd).toBe(at(T0 + 48 * H));
    expect(cleanerWhen({ points: slots([1, 1]), durationS: 60, nowMs: T0 })!.horizonEnd).toBe(at(T0 + H));
    const short = cleanerWhen({ points: dip(20, 24), durationS: 7200, nowMs: T0, maxHorizonS: 6 * 3600 });
    expect(short).toMatchObject({ start: at(T0), savingShare: 0, horizonEnd: at(T0 + 6 * H) });
  });

  it('points with non-finite or negative values are left out', () => {
    const points = [
      ...slots([200, 200]),
      { startMs: T0 + H, slotS: 1800, gPerKwh: -5 },
      { startMs: NaN, slotS: 1800, gPerKwh: 1 },
      { startMs: T0 + H, slotS: 0, gPerKwh: 1 },
    ];
    expect(
      forecastInfo({ intensitySource: 'uk', source: 's', method: 'operational', fetchedAt: 'x', points }),
    ).toEqual({
      intensitySource: 'uk',
      source: 's',
      method: 'operational',
      fetchedAt: 'x',
      from: at(T0),
      to: at(T0 + H),
      points: 2,
    });
    expect(cleanerWhen({ points, durationS: 3600, nowMs: T0 })).toMatchObject({ avgGPerKwh: 200 });
  });

  it('a long forecast of 5-minute points stays fast', () => {
    const points = slots(
      Array.from({ length: 48 * 12 }, (_, i) => 300 + 100 * Math.sin(i / 20)),
      5,
    );
    const t = performance.now();
    const r = cleanerWhen({ points, durationS: 4 * 3600, nowMs: T0 });
    expect(performance.now() - t).toBeLessThan(2000);
    expect(r!.savingShare).toBeGreaterThan(0);
  });
});
