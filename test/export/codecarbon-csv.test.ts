import { describe, expect, it } from 'vitest';
import { CODECARBON_COLUMNS, codecarbonCsv, runId } from '../../src/export/codecarbon-csv.js';
import type { ExportReport } from '../../src/export/export-report.js';
import { parseCsv } from './parse-csv.js';
import { full, gpuReport } from './report-fixtures.js';

/**
 * CodeCarbon's emissions.csv header as issue 16 lists it (CodeCarbon 2.x EmissionsData order, without
 * experiment_id, codecarbon_version, longitude and latitude): written out here, not imported, so a change
 * to the exporter's list fails this test.
 */
const HEADER =
  'timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,python_version,cpu_count,cpu_model,gpu_count,gpu_model,ram_total_size,tracking_mode,on_cloud,pue';

/** The CSV read back as one record per row, keyed by column. */
function rows(report: ExportReport): Record<string, string>[] {
  const [header, ...body] = parseCsv(codecarbonCsv(report, { runtime: 'node v20.0.0' }));
  expect(header!.join(',')).toBe(HEADER);
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

const KWH = 3_600_000;

describe('codecarbon-csv', () => {
  it('has CodeCarbon header, one row per benchmark, every row as wide as the header', () => {
    expect(CODECARBON_COLUMNS.join(',')).toBe(HEADER);
    const r = full();
    const parsed = parseCsv(codecarbonCsv(r, { runtime: 'node v20.0.0' }));
    expect(parsed).toHaveLength(1 + r.benchmarks.length);
    for (const row of parsed) expect(row).toHaveLength(CODECARBON_COLUMNS.length);
  });

  it("writes CodeCarbon's units from the report's numbers (kg, kWh with PUE, W, s, GB)", () => {
    const r = full();
    const pue = r.carbon.pue;
    const b = r.benchmarks[0]!;
    const row = rows(r)[0]!;
    const num = (k: string) => Number(row[k]);
    expect(row.project_name).toBe('train');
    expect(num('duration')).toBe(b.durationS);
    expect(num('emissions')).toBeCloseTo(b.operationalG! / 1000, 15);
    expect(num('emissions_rate')).toBeCloseTo(b.operationalG! / 1000 / b.durationS!, 15);
    expect(num('energy_consumed')).toBeCloseTo((b.energyJ! * pue) / KWH, 15);
    expect(num('cpu_energy')).toBeCloseTo((b.breakdownJ!.cpu * pue) / KWH, 15);
    expect(num('ram_energy')).toBeCloseTo((b.breakdownJ!.memory * pue) / KWH, 15);
    expect(num('cpu_power')).toBeCloseTo(b.breakdownJ!.cpu / b.durationS!, 12);
    expect(num('ram_power')).toBeCloseTo(b.breakdownJ!.memory / b.durationS!, 12);
    // energy_consumed × intensity is emissions: CodeCarbon's own identity holds.
    expect(num('energy_consumed') * r.carbon.intensityGPerKwh).toBeCloseTo(num('emissions') * 1000, 12);
    expect(row).toMatchObject({
      country_name: 'France',
      country_iso_code: 'FRA',
      cloud_provider: 'azure',
      cloud_region: 'eastus',
      on_cloud: 'Y',
      os: 'linux-x64',
      python_version: 'node v20.0.0',
      cpu_count: '2',
      cpu_model: 'Test CPU',
      gpu_count: '1',
      gpu_model: '1 x Test GPU',
      ram_total_size: '4',
      tracking_mode: 'machine',
      pue: '1.5',
      timestamp: '2026-01-01T00:00:00.000Z',
      run_id: runId(r),
    });
  });

  it('leaves the figures of a benchmark with no successful repeat empty', () => {
    const row = rows(full())[2]!;
    expect(row.project_name).toBe('broken \u001b[31m');
    for (const k of ['duration', 'emissions', 'emissions_rate', 'cpu_energy', 'energy_consumed', 'cpu_power'])
      expect(row[k]).toBe('');
  });

  it('GPU energy and power in their own columns; GPU names counted as CodeCarbon writes them', () => {
    const r = gpuReport('gpu');
    const row = rows(r)[0]!;
    expect(Number(row.gpu_energy)).toBeCloseTo((75 * 1.5) / KWH, 15);
    expect(Number(row.gpu_power)).toBeCloseTo(75 / r.benchmarks[0]!.durationS!, 12);
    expect(row.gpu_model).toBe('2 x NVIDIA A100, 1 x NVIDIA T4');
    expect(row.on_cloud).toBe('N');
  });

  it('a name with commas, quotes and a line break round-trips; a formula-like name is defused', () => {
    const name = 'bert, "base"\nfp16';
    expect(rows(gpuReport(name))[0]!.project_name).toBe(name);
    expect(rows(gpuReport('=cmd|"/c calc"!A1'))[0]!.project_name).toBe('\'=cmd|"/c calc"!A1');
  });

  it('one run_id per report, the same on every export of it, UUID-shaped (version 8)', () => {
    const r = full();
    const ids = new Set(rows(r).map((row) => row.run_id));
    expect(ids.size).toBe(1);
    expect(runId(r)).toBe(runId(full()));
    expect(runId(r)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(runId({ ...r, createdAt: '2026-01-02T00:00:00.000Z' })).not.toBe(runId(r));
  });
});
