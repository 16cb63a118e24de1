import { describe, expect, it } from 'vitest';
import { GITHUB_HOSTED_EMBODIED } from '../../src/carbon/embodied.js';
import { resolveGridIntensity } from '../../src/carbon/region.js';
import { buildReport } from '../../src/report/build.js';
import { renderTable } from '../../src/report/table.js';
import { inputs, runs, sample } from './fixtures.js';

const eastus = (() => {
  const r = resolveGridIntensity({ config: 'azure:eastus' });
  if (!r.ok) throw new Error('azure:eastus');
  return r.grid;
})();

describe('report carbon: operational + embodied, per unit, projection, hints', () => {
  const withUnits = [
    { ...runs[0]!, spec: { ...runs[0]!.spec, unit: { name: 'epoch' as const, count: 2 } } },
    {
      spec: {
        ...runs[0]!.spec,
        name: 'serve',
        kind: 'inference' as const,
        unit: { name: 'inference' as const, count: 100 },
      },
      status: 'ok' as const,
      samples: [sample(1, 36)],
    },
  ];
  const report = buildReport(
    inputs({
      runs: withUnits,
      embodied: GITHUB_HOSTED_EMBODIED,
      projection: { queriesPerDay: 1000, days: 10 },
    }),
  );

  it('co2eG = operationalG + embodiedG for benchmarks, samples and totals', () => {
    const b = report.benchmarks[0]!;
    // 720 J → 0.03 g operational; median 72 s on the GitHub-hosted model → 1151.7 kg × 72 s / 4 y × 4/128.
    expect(b.operationalG).toBeCloseTo(0.03, 12);
    expect(b.embodiedG).toBeCloseTo((1151.7e3 * 72 * (4 / 128)) / (4 * 365 * 86400), 12);
    expect(b.co2eG).toBeCloseTo(b.operationalG! + b.embodiedG!, 12);
    for (const s of b.samples) expect(s.co2eG).toBeCloseTo(s.operationalG + s.embodiedG, 12);
    expect(report.totals.co2eG).toBeCloseTo(report.totals.operationalG + report.totals.embodiedG, 12);
    expect(report.carbon.embodied).toMatchObject({ totalKg: 1151.7, share: 0.03125 });
    expect(report.carbon.embodied!.gPerHour).toBeCloseTo(1.0271, 3);
  });

  it('per functional unit, and per 1,000', () => {
    expect(report.benchmarks[0]!.perUnit).toMatchObject({ name: 'epoch', count: 2, energyJ: 360 });
    const inf = report.benchmarks[1]!.perUnit!;
    expect(inf.energyJ).toBeCloseTo(0.36, 12);
    expect(inf.per1000.energyKwh).toBeCloseTo(0.0001, 12);
  });

  it('Patterson projection: training energy + queries × energy per inference', () => {
    // 720 J training + 10,000 queries × 0.36 J = 4,320 J.
    expect(report.projection!.queries).toBe(10_000);
    expect(report.projection!.energyKwh).toBeCloseTo(4320 / 3.6e6, 12);
    expect(report.projection!.co2eG).toBeCloseTo((4320 / 3.6e6) * 1.5 * 100, 12);
  });

  it('the table shows grid, year, method, PUE, embodied, per-unit, equivalents and projection', () => {
    const text = renderTable(report);
    expect(text).toContain('100 g CO2e/kWh, 2023, test grid (lifecycle, embedded)');
    expect(text).toContain('PUE: 1.5 (config)');
    expect(text).toMatch(/Embodied: 1151\.7 kg × time ÷ 4\.00 y × share 0\.0313 = 1\.03 g\/h/);
    expect(text).toMatch(/CO2e: .* = operational .* \+ embodied /);
    expect(text).toMatch(/serve per inference: 360 mJ/);
    // This run's equivalents round to nothing (milligrams): left out, not printed as 4.27e-7 tree-months.
    expect(report.totals.equivalents.treeMonths).toBeLessThan(0.005);
    expect(text).not.toMatch(/tree-months|e-\d/);
    expect(text).toMatch(/Projection: training \+ 10000 queries/);
  });

  it('no embodied model: 0 g in the report, null, "not counted" in the table and no "embodied 0 g"', () => {
    const r = buildReport(inputs());
    expect(r.carbon.embodied).toBeNull();
    expect(r.benchmarks[0]!.embodiedG).toBe(0);
    expect(renderTable(r)).toContain('Embodied: not counted');
    expect(renderTable(r)).toMatch(/CO2e: .*, all operational/);
    expect(renderTable(r)).not.toContain('embodied 0 g');
  });

  it('a projection without inference benchmarks is a notice, not a figure', () => {
    const r = buildReport(inputs({ projection: { queriesPerDay: 1, days: 1 } }));
    expect(r.projection).toBeUndefined();
    expect(r.notices.join(' ')).toMatch(/no successful inference benchmark/);
  });

  it('a cloud region records the placement and the cleaner-elsewhere hint', () => {
    const r = buildReport(inputs({ grid: eastus }));
    expect(r.carbon).toMatchObject({
      region: 'azure:eastus',
      grid: 'US-VA',
      cloud: { provider: 'azure', region: 'eastus' },
    });
    expect(r.carbon.cleanerElsewhere!.cleanest.operationalG).toBeLessThan(
      r.carbon.cleanerElsewhere!.dirtiest.operationalG,
    );
    expect(renderTable(r)).toMatch(/Elsewhere on azure: cleanest azure:\w+ .*dirtiest azure:\w+/);
  });
});
