import { describe, expect, it } from 'vitest';
import { sciExport, sciScore } from '../../src/export/sci.js';
import { full, gpuReport } from './report-fixtures.js';

describe('sciScore: SCI = (E × I + M) / R', () => {
  // The SCI specification (GSF SCI 1.1, ISO/IEC 21031:2024) states the formula but carries no numeric
  // example that we know of. The worked example is the GSF's reference implementation's: Impact Framework
  // @grnsft/if 1.1.0 (npm), manifests/examples/builtins/sci/success.yml and its computed output
  // manifests/outputs/builtins/sci/success.yaml: energy 5 kWh, carbon-operational 5 g (so I = 1 g/kWh),
  // carbon-embodied 0.02 g, 100 requests → sci 0.0502 g per request. The other rows vary one term at a time.
  it.each([
    { name: 'IF reference example', E: 5, I: 1, M: 0.02, R: 100, sci: 0.0502 },
    { name: 'IF sci plugin README (carbon 5 g, 100 requests)', E: 5, I: 1, M: 0, R: 100, sci: 0.05 },
    { name: 'intensity scales E only', E: 5, I: 400, M: 0.02, R: 100, sci: 20.0002 },
    { name: 'M alone', E: 0, I: 400, M: 3, R: 3, sci: 1 },
    { name: 'R = 1', E: 0.001, I: 250, M: 0.05, R: 1, sci: 0.3 },
  ])('$name', ({ E, I, M, R, sci }) => {
    expect(sciScore({ energyKwh: E, intensityGPerKwh: I, embodiedG: M, units: R })).toBeCloseTo(sci, 12);
  });
});

describe('sciExport', () => {
  it("per benchmark: E (with PUE), I, M, R, and SCI = (E × I + M) / R equal to the report's own figures", () => {
    const r = full();
    const out = sciExport(r);
    const train = out.benchmarks[0]!;
    const b = r.benchmarks[0]!;
    expect(train.functionalUnit).toEqual({ name: 'epoch', count: 2 });
    expect(train.itEnergyKwh).toBeCloseTo(b.energyJ! / 3_600_000, 15);
    expect(train.E).toBeCloseTo((b.energyJ! / 3_600_000) * r.carbon.pue, 15);
    expect(train.I).toBe(r.carbon.intensityGPerKwh);
    expect(train.M).toBe(b.embodiedG);
    expect(train.R).toBe(2);
    expect(train.SCI).toBeCloseTo((train.E! * train.I + train.M!) / train.R, 15);
    // The report computed the same figure its own way (operational + embodied, per unit).
    expect(train.SCI).toBeCloseTo(b.co2eG! / 2, 12);
    expect(train.carbonG).toBeCloseTo(b.co2eG!, 12);
    expect(out.benchmarks[1]).toMatchObject({ functionalUnit: { name: 'inference', count: 100 }, R: 100 });
    expect(out.benchmarks[1]!.SCI).toBeCloseTo(r.benchmarks[1]!.co2eG! / 100, 12);
  });

  it('no successful repeat: no SCI, status kept', () => {
    const broken = sciExport(full()).benchmarks[2]!;
    expect(broken).toMatchObject({ status: 'error', E: null, M: null, SCI: null, R: 1 });
  });

  it('discloses boundary, R, quantification, intensity type with source and year, PUE and embodied', () => {
    const d = sciExport(full()).disclosures;
    expect(d.softwareBoundary).toContain('test scope');
    expect(d.functionalUnit).toMatch(/declared unit/);
    expect(d.quantificationMethod).toEqual({
      quantification: 'measured (GPU) and modelled (CPU)',
      meter: 'estimator + nvidia-smi',
      powerModel: 'teads-curve',
      scope: 'test scope',
    });
    expect(d.intensity).toMatchObject({
      type: 'average',
      method: 'lifecycle',
      source: 'test grid',
      year: 2023,
    });
    expect(d.pue).toMatchObject({ value: 1.5, source: 'config' });
    expect(d.pue.appliedTo).toMatch(/^E /);
    expect(d.embodied.counted).toBe(true);
    expect(d.dataSources).toContain('grid intensity: test grid (2023)');
  });

  it('a marginal intensity is disclosed as marginal; no embodied model is M = 0 and said so', () => {
    const out = sciExport(gpuReport('g'));
    expect(out.disclosures.intensity.type).toBe('marginal');
    expect(out.disclosures.embodied.counted).toBe(false);
    expect(out.disclosures.exclusions.join(' ')).toMatch(/M = 0/);
    expect(out.benchmarks[0]!.M).toBe(0);
    expect(out.benchmarks[0]!.functionalUnit).toEqual({ name: 'run', count: 1 });
  });
});
