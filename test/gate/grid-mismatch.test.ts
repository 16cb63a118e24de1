import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CarbonFacts, GridIdentity } from '../../src/carbon/grid-method.js';
import { applyGate } from '../../src/gate/apply.js';
import { baselineFromReport, type BaselineData, type GateBenchmark } from '../../src/gate/baseline.js';
import { evaluateGate } from '../../src/gate/evaluate.js';
import { GateReportSchema } from '../../src/gate/report-schema.js';
import type { GateMetric } from '../../src/gate/types.js';
import { compileTemplate, renderWithinLimit } from '../../src/github/render/render-comment.js';
import { gateLines } from '../../src/report/gate-lines.js';
import { parseReport } from '../../src/report/view-schema.js';

const five = (x: number) => [x * 0.99, x * 1.01, x, x * 1.02, x * 0.98];
const bench = (name: string, energies: number[], metric: GateMetric = 'energy'): GateBenchmark => ({
  name,
  status: 'pass',
  samples: energies.map((e) => ({ status: 'ok', energyJ: e, co2eG: e / 1000, durationS: e / 10 })),
  budget: { regression: { warn: 0.05, fail: 0.1 }, metric },
});

const OWID: CarbonFacts = {
  method: 'lifecycle',
  source: 'Ember and Energy Institute via Our World in Data (lifecycle, CC BY 4.0)',
  intensityYear: 2023,
  intensitySource: 'embedded',
};
const GA: CarbonFacts = {
  method: 'operational',
  source: 'Green Algorithms (CC BY 4.0) CI_aggregated.csv: carbonfootprint (March 2022)',
  intensityYear: 2020,
  intensitySource: 'embedded',
};

function baseline(carbon: CarbonFacts | undefined, source: BaselineData['source'] = 'file'): BaselineData {
  const report = { benchmarks: [bench('train', five(100)), bench('infer', five(50))], carbon };
  return baselineFromReport(report, {
    source,
    method: source === 'ab' ? 'paired' : 'independent',
    ...(source === 'ab' ? {} : { ref: 'base.json' }),
  });
}

const DIFFERS =
  "the baseline's grid differs from this run's (method: lifecycle → operational; source: Ember via OWID → Green Algorithms; year: 2023 → 2020)";

describe('a baseline on another grid (method, source or year)', () => {
  it('CO2e comparisons are flagged, the verdict says so; the statuses stay what the samples say', () => {
    const head = [bench('train', five(100), 'co2e'), bench('infer', five(50), 'co2e')];
    const flagged = evaluateGate(head, { baseline: baseline(OWID), carbon: GA });
    const same = evaluateGate(head, { baseline: baseline(OWID), carbon: OWID });
    for (const b of flagged.benchmarks)
      expect(b.comparison!.gridMismatch).toEqual([
        'method: lifecycle → operational',
        'source: Ember via OWID → Green Algorithms',
        'year: 2023 → 2020',
      ]);
    expect(same.benchmarks.every((b) => b.comparison && !b.comparison.gridMismatch)).toBe(true);
    expect(flagged.verdict.reasons[0]).toBe(
      `${DIFFERS}: the CO2e comparisons (train, infer) mix the grid's change with the code's; SCI needs the same method on both sides (the same region and intensity source on both, or gate on energy)`,
    );
    expect(flagged.verdict.status).toBe(same.verdict.status);
    expect(flagged.benchmarks.map((b) => b.status)).toEqual(same.benchmarks.map((b) => b.status));
    expect(flagged.verdict.reasons.slice(1)).toEqual(same.verdict.reasons);
  });

  it.each<[string, GateMetric, boolean]>([
    ['co2e', 'co2e', true],
    ['perUnit', 'perUnit', true],
    ['energy', 'energy', false],
    ['duration', 'duration', false],
  ])('metric %s: comparison flagged = %s', (_label, metric, flagged) => {
    const b = { ...bench('train', five(100), metric), perUnit: { count: 10 } };
    const base = baselineFromReport(
      { benchmarks: [{ ...bench('train', five(100)), perUnit: { count: 10 } }], carbon: OWID },
      { source: 'file', method: 'independent' },
    );
    const r = evaluateGate([b], { baseline: base, carbon: { ...OWID, method: 'operational' } });
    expect(r.benchmarks[0]!.comparison).toBeDefined();
    expect(r.benchmarks[0]!.comparison!.gridMismatch !== undefined).toBe(flagged);
    expect(r.verdict.reasons[0]).toBe(
      flagged
        ? "the baseline's grid differs from this run's (method: lifecycle → operational): the CO2e comparisons (train) mix the grid's change with the code's; SCI needs the same method on both sides (the same region and intensity source on both, or gate on energy)"
        : "the baseline's grid differs from this run's (method: lifecycle → operational): energy and duration comparisons are unaffected; the two runs' CO2e figures are not like for like",
    );
  });

  it.each<[string, BaselineData, CarbonFacts | undefined]>([
    ['A/B: one run, one grid (even if told otherwise)', baseline(OWID, 'ab'), GA],
    ['a baseline that records no grid (older report or record)', baseline(undefined), GA],
    ['a run that records no grid (a foreign report)', baseline(OWID), undefined],
    ['the same grid', baseline(OWID), { ...OWID, source: `${OWID.source!}; region placed by X` }],
  ])('never flagged: %s', (_label, base, carbon) => {
    const head = [bench('train', five(100), 'co2e')];
    const r = evaluateGate(head, { baseline: base, ...(carbon ? { carbon } : {}) });
    expect(r.benchmarks[0]!.comparison).toBeDefined();
    expect(r.benchmarks[0]!.comparison!.gridMismatch).toBeUndefined();
    expect(r.verdict.reasons.join('\n')).not.toContain('grid');
  });

  it('no comparison made (no benchmark in common): no grid line either', () => {
    const r = evaluateGate([bench('other', five(100), 'co2e')], { baseline: baseline(OWID), carbon: GA });
    expect(r.verdict.reasons).toEqual(['other: not in the baseline: regression not checked']);
  });

  it('many affected benchmarks: three named, the rest counted', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const base = baselineFromReport(
      { benchmarks: names.map((n) => bench(n, five(100))), carbon: OWID },
      { source: 'file', method: 'independent' },
    );
    const r = evaluateGate(
      names.map((n) => bench(n, five(100), 'co2e')),
      { baseline: base, carbon: GA },
    );
    expect(r.verdict.reasons[0]).toContain('the CO2e comparisons (a, b, c and 2 more)');
  });
});

describe('baselineFromReport carries the grid', () => {
  it.each<[string, { carbon?: CarbonFacts; grid?: GridIdentity }, GridIdentity | undefined]>([
    ['a report: its carbon', { carbon: OWID }, { method: 'lifecycle', source: 'Ember via OWID', year: 2023 }],
    [
      'a live report: provider, no year',
      {
        carbon: {
          method: 'direct',
          source: 'Electricity Maps live, zone DE (direct) at 2026-01-01T00:00:00Z',
          intensityYear: 2026,
          intensitySource: 'electricity-maps',
        },
      },
      { method: 'operational', source: 'Electricity Maps' },
    ],
    [
      'a history record: its grid',
      { grid: { method: 'marginal', source: 'WattTime' } },
      { method: 'marginal', source: 'WattTime' },
    ],
    ['an old record or report: none', {}, undefined],
  ])('%s', (_label, facts, grid) => {
    const b = baselineFromReport(
      { benchmarks: [bench('train', five(100))], ...facts },
      { source: 'history', method: 'independent' },
    );
    expect(b.grid).toEqual(grid);
  });

  it('the baseline file reader picks carbon tolerantly: optional, other text normalised, extra fields kept', () => {
    const report = (carbon?: object) => ({
      schemaVersion: 1,
      benchmarks: [],
      totals: { energyJ: 0, co2eG: 0 },
      ...(carbon ? { carbon } : {}),
    });
    expect(GateReportSchema.parse(report()).carbon).toBeUndefined();
    const parsed = GateReportSchema.parse(
      report({ method: 'direct', intensitySource: 'future-provider', region: 'DE', extra: 1 }),
    );
    expect(parsed.carbon).toMatchObject({
      method: 'operational',
      intensitySource: 'future-provider',
      region: 'DE',
      extra: 1,
    });
    expect(GateReportSchema.safeParse(report({ method: 7 })).success).toBe(false);
  });
});

describe('intensity.method not met', () => {
  it('a verdict line, never a status: the figure is kept and documented', () => {
    const r = evaluateGate([bench('train', five(100))], {
      baseline: null,
      carbon: { ...OWID, methodAsked: 'operational' },
    });
    expect(r.verdict).toMatchObject({
      status: 'pass',
      reasons: [
        'grid intensity is lifecycle (Ember via OWID), not the operational asked for in intensity.method',
      ],
    });
  });

  it('met, or not asked: nothing', () => {
    for (const carbon of [{ ...OWID, methodAsked: 'lifecycle' }, OWID])
      expect(evaluateGate([bench('train', five(100))], { baseline: null, carbon }).verdict.reasons).toEqual(
        [],
      );
  });
});

describe('shown in the CLI table and the PR comment', () => {
  const head = {
    carbon: GA,
    benchmarks: [bench('train', five(110), 'co2e')],
    totals: { energyJ: 110, co2eG: 0.11 },
  };
  const gated = applyGate(head, {
    budgetOf: (n) => head.benchmarks.find((b) => b.name === n)!.budget,
    baseline: baseline(OWID),
  });

  it('applyGate passes the run’s carbon to the gate', () => {
    expect(gated.benchmarks[0]!.comparison!.gridMismatch).toHaveLength(3);
    expect(gated.verdict.reasons[0]).toContain("the baseline's grid differs");
  });

  it('table: † on the Δ and a line saying what differs', () => {
    const lines = gateLines(gated);
    expect(lines.join('\n')).toMatch(/^train .*\+10\.\d % \[[^\]]+\] †/m);
    expect(lines).toContain(
      '† CO2e vs a baseline on another grid (method: lifecycle → operational; source: Ember via OWID → Green Algorithms; year: 2023 → 2020): not like for like',
    );
    expect(lines.join('\n')).toContain(`  ${DIFFERS}`);
  });

  it('comment: † on the Δ and the same line, escaped; absent without a mismatch', () => {
    const fixture = JSON.parse(readFileSync(path.resolve('test/fixtures/action/carbon-report.json'), 'utf8'));
    const template = compileTemplate(readFileSync(path.resolve('templates/comment.md.hbs'), 'utf8'));
    const opts = { marker: 'M', context: {} };
    const comparison = {
      metric: 'co2e',
      base: 1,
      head: 1.1,
      ratio: 1.1,
      ci95: [1.02, 1.19],
      method: 'independent',
      baseline: 'file',
    };
    fixture.benchmarks[0].comparison = { ...comparison, gridMismatch: ['method: lifecycle → operational'] };
    fixture.carbon.methodAsked = 'operational';
    const view = parseReport(JSON.stringify(fixture));
    if (!view.ok) throw new Error(view.error);
    const { body } = renderWithinLimit(template, view.report, opts);
    expect(body).toContain('| +10.0\u00a0%\u00a0[+2.0,\u00a0+19.0]\u00a0† |');
    expect(body).toContain(
      '† CO2e vs a baseline on another grid (method&#58; lifecycle → operational): not like for like.',
    );

    fixture.benchmarks[0].comparison = comparison;
    const plain = parseReport(JSON.stringify(fixture));
    if (!plain.ok) throw new Error(plain.error);
    expect(renderWithinLimit(template, plain.report, opts).body).not.toContain('†');
  });
});
