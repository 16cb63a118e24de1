import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/validate.js';
import { resolveBudget } from '../../src/gate/resolve-budget.js';
import { specsFromConfig } from '../../src/runner/specs-from-config.js';
import { withBench, withTop } from './helpers.js';

const parse = (text: string) => parseConfigText(text, 'carbon-gate.yml');

describe('budget config', () => {
  it('parses units into SI and merges per-benchmark budgets key by key', () => {
    const r = parse(
      withBench(
        { budget: { energy: { fail: '2 kJ' }, regression: { metric: 'co2e' } } },
        {
          budget: {
            energy: { warn: '40 J', fail: '50 J' },
            co2e: { warn: '4 g', fail: '5 g' },
            perUnit: { co2e: { fail: '2 mg' } },
            regression: { warn: '5%', fail: '10%' },
            total: { energy: { fail: '1 Wh' } },
          },
        },
      ),
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const top = r.config.budget!;
    expect(top).toEqual({
      energyJ: { warn: 40, fail: 50 },
      co2eG: { warn: 4, fail: 5 },
      perUnitCo2eG: { fail: 0.002 },
      regression: { warn: 0.05, fail: 0.1 },
      total: { energyJ: { fail: 3600 } },
    });
    expect(resolveBudget(top, r.config.benchmarks[0]!.budget)).toEqual({
      energyJ: { fail: 2000 },
      co2eG: { warn: 4, fail: 5 },
      perUnitCo2eG: { fail: 0.002 },
      // The benchmark names only the metric: the suite's tiers still apply (an empty tier gated nothing).
      regression: { warn: 0.05, fail: 0.1 },
      metric: 'co2e',
    });
  });

  it.each([
    { budget: { energy: { fail: 50 } }, line: 'budget.energy.fail: expected an energy > 0 like 40 J' },
    { budget: { energy: { warn: '60 J', fail: '50 J' } }, line: 'budget.energy: expected warn at most fail' },
    {
      budget: { regression: { fail: '10' } },
      line: 'budget.regression.fail: expected a percentage > 0 like 5%',
    },
    { budget: { regression: { metric: 'energie' } }, line: 'did you mean "energy"?' },
    { budget: { co2e: { fail: '5 J' } }, line: 'budget.co2e.fail: expected a mass > 0' },
    { budget: { energy: { max: '5 J' } }, line: 'budget.energy.max: unknown key' },
  ])('rejects $budget', ({ budget, line }) => {
    const r = parse(withTop({ budget }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain(line);
  });

  it.each([
    { top: {}, bench: {}, gated: false, repeat: 1 },
    { top: { budget: { co2e: { fail: '1 g' } } }, bench: {}, gated: false, repeat: 5 },
    { top: {}, bench: { budget: { regression: { fail: '5%' } } }, gated: false, repeat: 5 },
    { top: {}, bench: {}, gated: true, repeat: 5 },
    { top: { budget: { co2e: { fail: '1 g' } } }, bench: { repeat: 2 }, gated: true, repeat: 2 },
  ])(
    'gated benchmarks repeat 5 times unless set: $top $bench gated=$gated → $repeat',
    ({ top, bench, gated, repeat }) => {
      const r = parse(withBench(bench, top));
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(specsFromConfig(r.config, '/tmp', { gated })[0]!.repeat).toBe(repeat);
    },
  );
});

describe('budget.team', () => {
  it.each([
    [
      { period: 'month', co2e: '2 kg' },
      { period: 'month', co2eG: 2000 },
    ],
    [
      { period: 'month', co2e: '750 g' },
      { period: 'month', co2eG: 750 },
    ],
  ])('%j parses to grams', (team, expected) => {
    const r = parse(withTop({ budget: { team } }));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.budget).toEqual({ team: expected });
  });

  it.each([
    [{ period: 'week', co2e: '2 kg' }, /budget\.team\.period: expected "month"/],
    [{ period: 'month', co2e: 2 }, /budget\.team\.co2e: expected a mass/],
    [{ period: 'month' }, /budget\.team\.co2e: expected a mass/],
  ])('%j is refused naming the field', (team, message) => {
    const r = parse(withTop({ budget: { team } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(message);
  });
});
