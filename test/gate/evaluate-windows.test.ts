import { describe, expect, it } from 'vitest';
import { baselineFromReport, type GateBenchmark, type GateSample } from '../../src/gate/baseline.js';
import { evaluateGate, FOREIGN_LOAD_NOTE_AT } from '../../src/gate/evaluate.js';
import type { GateMetric } from '../../src/gate/types.js';

const five = [0.99, 1.01, 1, 1.02, 0.98];

/**
 * Five repeats: the whole run at `run` J (start-up included), the marked window at `task` J, the
 * benchmark's attributed share at `attributed` J, on a machine `foreign` busy with other work.
 */
function bench(
  o: { run: number; task?: number; attributed?: number; foreign?: number },
  metric: GateMetric = 'energy',
): GateBenchmark {
  const samples: GateSample[] = five.map((f) => ({
    status: 'ok',
    energyJ: o.run * f,
    co2eG: (o.run * f) / 1000,
    durationS: (o.run * f) / 10,
    ...(o.attributed !== undefined ? { attributedJ: o.attributed * f } : {}),
    ...(o.task !== undefined
      ? { task: { energyJ: o.task * f, durationS: (o.task * f) / 10, co2eG: (o.task * f) / 1000 } }
      : {}),
    ...(o.foreign !== undefined
      ? { utilisation: 0.5 + o.foreign, processShare: 0.5 / (0.5 + o.foreign) }
      : {}),
  }));
  return {
    name: 'b',
    status: 'pass',
    samples,
    budget: { regression: { warn: 0.05, fail: 0.1 }, metric },
  };
}

const gate = (head: GateBenchmark, base: GateBenchmark) =>
  evaluateGate([head], {
    baseline: baselineFromReport({ benchmarks: [base] }, { source: 'ab', method: 'paired' }),
  }).benchmarks[0]!;

describe('the gate judges the marked windows when both sides have them', () => {
  // The window's energy rose 20 %, diluted to +10 % in the whole run by a fixed 100 J start-up.
  const base = bench({ run: 200, task: 100 });
  const head = bench({ run: 220, task: 120 });

  it('compares the windows, and fails on them', () => {
    const g = gate(head, base);
    expect(g.comparison).toMatchObject({ window: 'task', base: 100, head: 120 });
    expect(g.comparison!.ratio).toBeCloseTo(1.2, 9);
    expect(g.status).toBe('fail');
  });

  it.each([
    ['the head', bench({ run: 220, task: 120 }), bench({ run: 200 })],
    ['the baseline', bench({ run: 220 }), bench({ run: 200, task: 100 })],
  ])('compares the whole runs when only %s marked them, and says so', (who, h, b) => {
    const g = gate(h, b);
    expect(g.comparison).toMatchObject({ window: 'run', base: 200, head: 220 });
    expect(g.reasons[0]).toBe(
      `task windows: only ${who} marked them in every repeat, so the whole runs are compared`,
    );
  });

  it('compares the whole runs when one repeat has no window', () => {
    const h = bench({ run: 220, task: 120 });
    delete h.samples[2]!.task;
    expect(gate(h, base).comparison!.window).toBe('run');
  });
});

describe('regression.metric: attributed', () => {
  it('judges the attributed share, not the whole machine', () => {
    // The machine's energy doubled (a neighbour), the benchmark's own share did not move.
    const g = gate(bench({ run: 400, attributed: 100 }, 'attributed'), bench({ run: 200, attributed: 100 }));
    expect(g.comparison).toMatchObject({ metric: 'attributed', ratio: 1 });
    expect(g.status).toBe('pass');
  });

  it('says what it needs when a side has no attributed figure', () => {
    const g = gate(bench({ run: 200, attributed: 100 }, 'attributed'), bench({ run: 200 }));
    expect(g.comparison).toBeUndefined();
    expect(g.reasons).toEqual([
      'attributed energy: regression not checked: needs attributed energy in every successful repeat on both sides (a CPU meter; GPU energy is not split by CPU time)',
    ]);
  });
});

describe('other load on the machine', () => {
  it.each([
    ['energy', 0.3, true],
    ['energy', FOREIGN_LOAD_NOTE_AT / 2, false],
    ['attributed', 0.3, false],
    ['duration', 0.3, false],
  ] as [GateMetric, number, boolean][])(
    '%s gated, %d of the CPU busy elsewhere → note: %s',
    (metric, foreign, noted) => {
      const g = gate(
        bench({ run: 200, attributed: 100, foreign }, metric),
        bench({ run: 200, attributed: 100 }),
      );
      const note = g.reasons.find((r) => r.startsWith('other processes kept'));
      expect(!!note).toBe(noted);
      if (noted)
        expect(note).toBe(
          "other processes kept 30 % of the machine's CPU busy during these runs (median): whole-machine energy includes their load; regression.metric: attributed judges the benchmark's own share",
        );
      expect(g.status).toBe('pass');
    },
  );
});
