import { describe, expect, it } from 'vitest';
import { atUtilisation, LEVELS, monotone } from '../../src/power-model/curve.js';
import { solveSpd } from '../../src/power-model/linalg.js';
import { mapePct, serverApe } from '../../src/power-model/metrics.js';
import { assignFolds, shuffled } from '../../src/power-model/prng.js';
import { mulberry32 } from '../../src/stats/prng.js';
import { quantile } from '../../src/power-model/quantile.js';
import { fitRidge, fitScaler, predictRidge, standardise } from '../../src/power-model/ridge.js';
import { parseCsv, parseSpecpower } from '../../src/power-model/specpower.js';

describe('seeded randomness', () => {
  it('is reproducible and seed-dependent', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(shuffled([1, 2, 3, 4, 5, 6], 1)).not.toEqual(shuffled([1, 2, 3, 4, 5, 6], 2));
  });

  it.each([
    [498, 5],
    [10, 3],
    [4, 5],
  ])('assignFolds(%i, %i) deals folds whose sizes differ by at most one', (n, k) => {
    const folds = assignFolds(n, k, 2008);
    const sizes = Array.from({ length: k }, (_, f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(assignFolds(n, k, 2008)).toEqual(folds);
  });
});

describe('linear algebra and ridge', () => {
  it('solves an SPD system', () => {
    const x = solveSpd(
      [
        [4, 2],
        [2, 3],
      ],
      [[10], [11]],
    );
    expect(x[0]![0]).toBeCloseTo(1, 12);
    expect(x[1]![0]).toBeCloseTo(3, 12);
  });

  it('recovers a noiseless linear map with a tiny penalty, and shrinks with a large one', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(3 * i), i % 2]);
    const y = rows.map(([a, b, c]) => [1 + 2 * a! - b!, 3 * c!]);
    const scaler = fitScaler(rows);
    const z = rows.map((r) => standardise(scaler, r));
    const exact = fitRidge(z, y, 1e-9);
    z.forEach((zr, i) => predictRidge(exact, zr).forEach((v, c) => expect(v).toBeCloseTo(y[i]![c]!, 6)));
    const heavy = fitRidge(z, y, 1e6);
    expect(predictRidge(heavy, z[0]!)[0]).toBeCloseTo(exact.intercept[0]!, 2);
  });

  it('standardises a missing value to the mean (z = 0) and a constant column to 0', () => {
    const scaler = fitScaler([
      [1, 5],
      [3, 5],
    ]);
    expect(standardise(scaler, [Number.NaN, 5])).toEqual([0, 0]);
    expect(standardise(scaler, [3, 5])[0]).toBeCloseTo(1, 12);
  });
});

describe('curves and metrics', () => {
  it('monotone() is a running maximum; atUtilisation interpolates and clamps', () => {
    expect(monotone([3, 2, 4, 4, 1])).toEqual([3, 3, 4, 4, 4]);
    const curve = LEVELS.map((u) => 100 + 100 * u);
    expect(atUtilisation(curve, 0.25)).toBeCloseTo(125, 12);
    expect(atUtilisation(curve, 7)).toBe(200);
  });

  it('MAPE averages per-server errors', () => {
    expect(serverApe([110, 90], [100, 100])).toBeCloseTo(0.1, 12);
    expect(mapePct([[110], [100]], [[100], [100]])).toBeCloseTo(5, 12);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
  });
});

describe('SPECpower CSV', () => {
  it('parses quoted fields and maps empty cells to absent fields', () => {
    expect(parseCsv('a,"b, c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b, c', 'd "e"'],
      ['1', '2', '3'],
    ]);
    const levels = ['idle_w', ...Array.from({ length: 10 }, (_, i) => `p${(i + 1) * 10}_w`)];
    const header = [
      'id',
      'vendor',
      'cpu_name',
      'architecture',
      'sockets',
      'cores',
      'threads',
      'tdp_w_per_socket',
      'memory_gb',
      'year',
      ...levels,
    ];
    const row = [
      'x1',
      '"Huawei Technologies Co., Ltd"',
      'Intel Core i3-540',
      '',
      '1',
      '2',
      '4',
      '',
      '4.0',
      '2010',
      ...levels.map((_, i) => String(20 + i)),
    ];
    const [s] = parseSpecpower(`${header.join(',')}\n${row.join(',')}\n`);
    expect(s!.input).toMatchObject({
      cpuModel: 'Intel Core i3-540',
      vendor: 'Huawei Technologies Co., Ltd',
      threads: 4,
      memoryGb: 4,
    });
    expect(s!.input.architecture).toBeUndefined();
    expect(s!.input.tdpWattsPerSocket).toBeUndefined();
    expect(s!.watts).toHaveLength(11);
  });
});
