import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { renderTable } from '../../src/report/table.js';
import { grid, inputs } from './fixtures.js';

describe('renderTable', () => {
  it('matches the snapshot (names escaped, provenance shown)', () => {
    expect(renderTable(buildReport(inputs()))).toMatchSnapshot();
  });

  it('shows the grid year and source, PUE and every basis line', () => {
    const text = renderTable(buildReport(inputs()));
    expect(text).toContain('100 g CO2e/kWh, 2023, test grid');
    expect(text).toContain('PUE: 1.5 (config)');
    expect(text).toContain('  test basis');
    expect(text).not.toContain('\u001b');
  });

  it('prints notices', () => {
    const text = renderTable(buildReport(inputs({ grid: { ...grid, notices: ['no region given'] } })));
    expect(text).toContain('notice: no region given');
  });

  it('shows the estimate band and GPU names when the meters give them', () => {
    const base = inputs();
    const runs = base.runs.map((r) => ({
      ...r,
      samples: r.samples.map((x) => ({
        ...x,
        measurement: { ...x.measurement, energyBandJ: { low: 300, high: 900 } },
      })),
    }));
    const report = buildReport({ ...base, runs, meter: { ...base.meter, gpuNames: ['NVIDIA H100'] } });
    const text = renderTable(report);
    expect(report.benchmarks[0]!.energyBandJ).toEqual({ low: 300, high: 900 });
    expect(text).toMatch(/720 J \(300 J–900 J\)/);
    expect(text).toContain('  GPUs: NVIDIA H100');
    expect(text).toContain('cross-validated error');
  });
});
