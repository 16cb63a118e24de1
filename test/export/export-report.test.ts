import { describe, expect, it } from 'vitest';
import { codecarbonCsv } from '../../src/export/codecarbon-csv.js';
import { ExportReportSchema } from '../../src/export/export-report.js';
import { impactFrameworkYaml } from '../../src/export/impact-framework.js';
import { sciExport } from '../../src/export/sci.js';
import { fullReport } from '../report/full-report.js';
import { parseCsv } from './parse-csv.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- spoiled freely by the cases
const raw = (): Json => JSON.parse(JSON.stringify(fullReport()));

describe('the export’s reading of an untrusted report', () => {
  it.each([
    ['a negative energy', (r: Json) => (r.benchmarks[0].energyJ = -1), 'benchmarks.0.energyJ'],
    ['an infinite PUE (as a string)', (r: Json) => (r.carbon.pue = 'Infinity'), 'carbon.pue'],
    [
      'a zero functional-unit count',
      (r: Json) => (r.benchmarks[0].perUnit.count = 0),
      'benchmarks.0.perUnit.count',
    ],
    ['a huge name', (r: Json) => (r.benchmarks[0].name = 'x'.repeat(201)), 'benchmarks.0.name'],
    ['another schema version', (r: Json) => (r.schemaVersion = 2), 'schemaVersion'],
  ])('refuses %s', (_, spoil, where) => {
    const r = raw();
    spoil(r);
    const parsed = ExportReportSchema.safeParse(r);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.join('.')).toBe(where);
  });

  it('reads an older report without machine, grid, breakdowns or embodied figures; cells stay empty', () => {
    const r = raw();
    delete r.machine;
    delete r.carbon.grid;
    delete r.carbon.embodied;
    delete r.carbon.method;
    for (const b of r.benchmarks) {
      delete b.breakdownJ;
      delete b.embodiedG;
      for (const s of b.samples) delete s.breakdownJ;
    }
    const report = ExportReportSchema.parse(r);
    const [header, row] = parseCsv(codecarbonCsv(report, { runtime: 'node' }));
    const cell = (k: string) => row![header!.indexOf(k)];
    expect([cell('cpu_energy'), cell('cpu_count'), cell('os')]).toEqual(['', '', '']);
    expect(cell('energy_consumed')).not.toBe('');
    expect(sciExport(report).disclosures.intensity).toMatchObject({
      type: 'unknown',
      method: 'not recorded',
    });
    expect(impactFrameworkYaml(report)).toContain('cpu/energy');
  });
});
