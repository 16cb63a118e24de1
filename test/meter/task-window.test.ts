import { describe, expect, it } from 'vitest';
import { TaskMarkers, taskFigures } from '../../src/meter/task-markers.js';
import {
  MARKER_LIMITS,
  pairWindows,
  parseMarkerLine,
  pointAt,
  windowSpans,
  type Marker,
  type SeriesPoint,
} from '../../src/meter/task-window.js';

const START = 100;

describe('parseMarkerLine', () => {
  it.each([
    ['start', 101, { kind: 'start', tS: 101 }],
    ['stop', 102.5, { kind: 'stop', tS: 102.5 }],
    ['  start  ', 101, { kind: 'start', tS: 101 }],
    ['start 100.25', 101, { kind: 'start', tS: 100.25 }],
    ['stop 101.000001', 101.01, { kind: 'stop', tS: 101.000001 }],
    // Node's Number(process.hrtime.bigint()) / 1e9 prints up to 17 significant digits
    ['stop 100.150264915123', 101, { kind: 'stop', tS: 100.150264915123 }],
    ['', 101, null],
    ['   ', 101, null],
  ])('%j seen at %d → %j', (text, seenS, want) => {
    expect(parseMarkerLine({ text, seenS }, 1, START)).toEqual(want);
  });

  it.each([
    ['begin', /line 3: expected "start" or "stop".*got "begin"/],
    ['START', /expected "start" or "stop"/],
    ['start now', /expected/],
    ['start -5', /expected/],
    ['start 1e3', /expected/],
    ['start 99', /start at 99 s is outside the run \(100\.000–101\.000 s/],
    ['stop 101.5', /stop at 101\.5 s is outside the run/],
    ['x'.repeat(100), /got "x{40}…"/],
  ])('%j is a problem naming the line', (text, want) => {
    const r = parseMarkerLine({ text, seenS: 101 }, 3, START);
    expect(r).toHaveProperty('problem');
    expect((r as { problem: string }).problem).toMatch(want);
  });
});

const m = (kind: Marker['kind'], tS: number): Marker => ({ kind, tS });

describe('pairWindows', () => {
  it.each([
    [[], []],
    [[m('start', 1), m('stop', 2)], [[1, 2]]],
    [
      [m('start', 1), m('stop', 2), m('start', 3), m('stop', 5)],
      [
        [1, 2],
        [3, 5],
      ],
    ],
    [[m('start', 1), m('stop', 1)], [[1, 1]]],
  ] as [Marker[], [number, number][]][])('%j → %j', (markers, windows) => {
    expect(pairWindows(markers)).toEqual({ windows });
  });

  it.each([
    [[m('stop', 1)], 'marker 1 (stop): no window is open'],
    [[m('start', 1), m('start', 2)], 'marker 2 (start): a window is already open'],
    [[m('start', 1)], 'the last window was started but never stopped'],
    [[m('start', 2), m('stop', 1)], 'marker 2 (stop) is earlier than the marker before it'],
  ] as [Marker[], string][])('%j → %s', (markers, problem) => {
    expect(pairWindows(markers)).toEqual({ problem });
  });

  it('refuses more windows than the limit', () => {
    const many = Array.from({ length: MARKER_LIMITS.windows + 1 }, (_, i) => [
      m('start', 2 * i),
      m('stop', 2 * i + 1),
    ]).flat();
    expect(pairWindows(many)).toEqual({ problem: `more than ${MARKER_LIMITS.windows} windows` });
  });
});

// 10 W from t = 0 to 10 s; the tree busy half the time from 2 s on.
const series: SeriesPoint[] = [0, 2, 4, 6, 8, 10].map((t) => ({
  tS: t,
  energyJ: 10 * t,
  busy: t,
  total: 2 * t,
  treeCpuS: Math.max(0, t - 2) / 2,
}));

describe('pointAt and windowSpans', () => {
  it.each([
    [-1, 0],
    [0, 0],
    [3, 30],
    [9.5, 95],
    [12, 100],
  ])('energy at %d s is %d J (linear between readings, held at the ends)', (t, e) => {
    expect(pointAt(series, t).energyJ).toBeCloseTo(e, 9);
  });

  it('sums nothing but the windows', () => {
    const spans = windowSpans(series, [
      [1, 3],
      [5, 9],
    ]);
    expect(spans.map((s) => [s.durationS, s.energyJ, s.treeCpuS])).toEqual([
      [2, 20, 0.5],
      [4, 40, 2],
    ]);
  });
});

describe('taskFigures', () => {
  const attribute = () => 1;
  const lines = (texts: string[], seenS = 9) => texts.map((text) => ({ text, seenS }));

  it('is nothing for an unmarked run', () => {
    expect(taskFigures(new TaskMarkers(0), series, attribute)).toEqual({});
  });

  it('sums the windows, attribution included', () => {
    const t = new TaskMarkers(0);
    t.add(lines(['start 1', 'stop 3', 'start 5', 'stop 9']));
    expect(taskFigures(t, series, attribute)).toEqual({
      figures: { energyJ: 60, durationS: 6, processCpuS: 2.5, attributedJ: 2, windows: 2 },
    });
  });

  it.each([
    [['start 1', 'oops', 'stop 3'], 'line 2: expected'],
    [['start 1'], 'the last window was started but never stopped'],
    [['stop 1'], 'no window is open'],
  ])('voids the windows of %j with a warning', (texts, problem) => {
    const t = new TaskMarkers(0);
    t.add(lines(texts));
    const r = taskFigures(t, series, attribute);
    expect(r).toHaveProperty('warning');
    const warning = (r as { warning: string }).warning;
    expect(warning).toContain(problem);
    expect(warning).toMatch(
      /^task window ignored \(markers file: .*\): the whole run is reported and judged$/,
    );
  });

  it('keeps the first problem when the reader reports one', () => {
    const t = new TaskMarkers(0);
    t.add(lines(['start 1', 'stop 3']));
    t.void('not a regular file');
    t.void('later');
    expect(taskFigures(t, series, attribute)).toEqual({
      warning: 'task window ignored (markers file: not a regular file): the whole run is reported and judged',
    });
  });
});
