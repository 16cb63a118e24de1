import { describe, expect, it } from 'vitest';
import { intervalLabel, judgedLine, type JudgedInput } from '../../src/report/judged.js';

const cmp = (o: Partial<NonNullable<JudgedInput['comparison']>> = {}) => ({
  metric: 'energy',
  method: 'paired',
  ratio: 1.02,
  ci95: [0.99, 1.05] as [number, number],
  pairs: 5,
  ...o,
});

describe('judgedLine', () => {
  it.each<[string, JudgedInput, string | null]>([
    ['no comparison', { name: 'a' }, null],
    [
      'a whole run, fixed pairs, mde recorded',
      { name: 'a', comparison: cmp({ window: 'run', mde: 0.071 }) },
      'a: energy of the whole run, 5 pairs, smallest regression it could catch: +7.1 %',
    ],
    [
      'a report from before windows and mde: whole run, mde from the default tiers',
      { name: 'a', comparison: cmp({ ci95: [0.95, 1.1], ratio: 1.0 }) },
      'a: energy of the whole run, 5 pairs, smallest regression it could catch: +15.8 %',
    ],
    [
      'the task window, adaptive pairs that resolved, attributed energy',
      {
        name: 'mlp',
        comparison: cmp({ metric: 'attributed', window: 'task', mde: 0.062, pairs: 10 }),
        adaptive: { pairs: 10, minPairs: 5, maxPairs: 20, level: 0.99, stop: 'resolved' },
      },
      'mlp: attributed energy of the marked task window, 10 pairs of 5–20 (stopped once the interval cleared every limit; 99 % interval), smallest regression it could catch: +6.2 %',
    ],
    [
      'the cap reached at 98.75 %',
      {
        name: 'b',
        comparison: cmp({ window: 'task', mde: 0.12, pairs: 20 }),
        adaptive: { pairs: 20, minPairs: 7, maxPairs: 20, level: 0.9875, stop: 'max-repeat' },
      },
      'b: energy of the marked task window, 20 pairs of 7–20 (cap reached with the interval still across a limit; 98.8 % interval), smallest regression it could catch: +12.0 %',
    ],
    [
      'independent samples, no interval',
      { name: 'c', comparison: cmp({ method: 'independent', pairs: undefined, ci95: null }) },
      'c: energy of the whole run',
    ],
  ])('%s', (_name, input, want) => {
    expect(judgedLine(input)).toBe(want);
  });
});

describe('intervalLabel', () => {
  it.each([
    [[], '95 % CI'],
    [[undefined, 0.95], '95 % CI'],
    [[0.99, 0.99], '99 % CI'],
    [[0.9875], '98.8 % CI'],
    [[0.99, undefined], 'CI'],
  ] as [(number | undefined)[], string][])('%j → %s', (levels, want) => {
    expect(intervalLabel(levels)).toBe(want);
  });
});
