import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../../src/gate/evaluate.js';
import { baselineForBase } from '../../../src/github/history/baseline-store.js';
import {
  checkRecord,
  parseRecord,
  toRunRecord,
  type RecordableReport,
} from '../../../src/github/history/record.js';

const SHA = 'a'.repeat(40);
const now = new Date('2026-01-02T03:04:05.000Z');
const meta = { sha: SHA, ref: 'refs/heads/main', runId: '7', now };
const samples = [100, 101, 99, 102, 98].map((energyJ) => ({
  status: 'ok' as const,
  energyJ,
  co2eG: energyJ / 1000,
  durationS: 1,
}));

const report = (carbon?: RecordableReport['carbon']): RecordableReport => ({
  createdAt: now.toISOString(),
  config: 'carbon-gate.yml',
  totals: { energyJ: 100, co2eG: 0.1 },
  benchmarks: [{ name: 'train', status: 'pass', samples }],
  ...(carbon ? { carbon } : {}),
});

const OWID = {
  method: 'lifecycle',
  source: 'Ember and Energy Institute via Our World in Data (lifecycle, CC BY 4.0)',
  intensityYear: 2023,
  intensitySource: 'embedded',
};

describe('history record: the optional grid', () => {
  it('written by toRunRecord from the report and read back unchanged', () => {
    const record = toRunRecord(report(OWID), meta);
    expect(record.grid).toEqual({ method: 'lifecycle', source: 'Ember via OWID', year: 2023 });
    expect(parseRecord(JSON.stringify(record))).toEqual(record);
  });

  it('a live figure: the provider, no year (its year is the run’s)', () => {
    const record = toRunRecord(
      report({
        method: 'marginal',
        source: 'WattTime live MOER forecast, region CAISO_NORTH (marginal, 500 lbs/MWh × 0.453592)',
        intensityYear: 2026,
        intensitySource: 'watttime',
      }),
      meta,
    );
    expect(record.grid).toEqual({ method: 'marginal', source: 'WattTime' });
    expect(parseRecord(JSON.stringify(record))).toEqual(record);
  });

  it('absent when the report has no carbon, and an old record without it is still read', () => {
    const record = toRunRecord(report(), meta);
    expect('grid' in record).toBe(false);
    expect(parseRecord(JSON.stringify(record))).toEqual(record);
  });

  it.each([
    ['a method that is not text', { method: 7, source: 'x' }],
    ['no source', { method: 'lifecycle' }],
    ['an oversize source', { method: 'lifecycle', source: 'x'.repeat(301) }],
    ['a fractional year', { method: 'lifecycle', source: 'x', year: 2023.5 }],
  ])('a record with %s is refused, not repaired', (_label, grid) => {
    const text = JSON.stringify({ ...toRunRecord(report(), meta), grid });
    const r = checkRecord(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toMatch(/^not a valid record: grid/);
  });

  it('method text from another version is normalised on reading', () => {
    const text = JSON.stringify({ ...toRunRecord(report(), meta), grid: { method: 'direct', source: 'X' } });
    expect(parseRecord(text)!.grid).toEqual({ method: 'operational', source: 'X' });
  });
});

describe('history baseline: the base record’s grid reaches the gate', () => {
  const stored = (carbon?: RecordableReport['carbon']) => [
    { path: 'runs/x.json', record: toRunRecord(report(carbon), meta) },
  ];

  it('with a grid: BaselineData carries it and a CO2e comparison on another grid is flagged', async () => {
    const data = await baselineForBase([SHA], stored(OWID));
    expect(data!.grid).toEqual({ method: 'lifecycle', source: 'Ember via OWID', year: 2023 });
    const r = evaluateGate(
      [
        {
          name: 'train',
          status: 'pass',
          samples,
          budget: { regression: { fail: 0.1 }, metric: 'co2e' },
        },
      ],
      { baseline: data, carbon: { ...OWID, method: 'operational' } },
    );
    expect(r.benchmarks[0]!.comparison).toMatchObject({
      baseline: 'history',
      gridMismatch: ['method: lifecycle → operational'],
    });
  });

  it('an old record (no grid): nothing to compare, nothing flagged', async () => {
    const data = await baselineForBase([SHA], stored());
    expect(data!.grid).toBeUndefined();
    const r = evaluateGate(
      [{ name: 'train', status: 'pass', samples, budget: { regression: { fail: 0.1 }, metric: 'co2e' } }],
      { baseline: data, carbon: OWID },
    );
    expect(r.benchmarks[0]!.comparison!.gridMismatch).toBeUndefined();
  });
});
