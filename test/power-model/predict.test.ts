import { describe, expect, it } from 'vitest';
import {
  powerModelInfo,
  predictCurveWithBasis,
  predictServerWatts,
  predictWithBand,
  type MachineInput,
} from '../../src/power-model/index.js';

const U = Array.from({ length: 101 }, (_, i) => i / 100);

const machines: [string, MachineInput][] = [
  [
    'full SPECpower-style row',
    {
      cpuModel: 'Intel Xeon Platinum 8380',
      vendor: 'Fujitsu',
      architecture: 'icelake',
      year: 2021,
      sockets: 2,
      cores: 80,
      threads: 160,
      tdpWattsPerSocket: 270,
      memoryGb: 256,
    },
  ],
  ['name and threads only', { cpuModel: 'AMD EPYC 7763 64-Core Processor', threads: 128 }],
  ['CPU newer than the data', { cpuModel: 'Intel(R) Xeon(R) Platinum 8480+', threads: 224 }],
  ['unknown CPU', { cpuModel: 'Mystery Chip 9000', threads: 8 }],
  ['old NetBurst Xeon', { cpuModel: 'Intel Xeon Processor 3.6 GHz', threads: 4, sockets: 2, memoryGb: 4 }],
  ['tiny machine', { cpuModel: 'Intel Xeon E3-1230 v6', threads: 8, memoryGb: 8 }],
  ['huge machine', { cpuModel: 'Intel Xeon Platinum 8180', threads: 448, sockets: 8, memoryGb: 6144 }],
];

describe('predictServerWatts', () => {
  it.each(machines)('%s: positive, finite and non-decreasing in utilisation', (_name, m) => {
    const w = predictServerWatts(m, U);
    expect(w).toHaveLength(U.length);
    for (const x of w) expect(Number.isFinite(x) && x > 0).toBe(true);
    for (let i = 1; i < w.length; i++) expect(w[i]!).toBeGreaterThanOrEqual(w[i - 1]!);
  });

  it('clamps utilisation outside 0..1 and treats NaN as idle', () => {
    const m = machines[1]![1];
    const [idle, full] = predictServerWatts(m, [0, 1]);
    expect(predictServerWatts(m, [-0.5, 2, Number.NaN])).toEqual([idle, full, idle]);
  });

  it('rejects a machine without a positive thread count', () => {
    expect(() => predictServerWatts({ cpuModel: 'x', threads: 0 }, [0])).toThrow(/threads/);
    expect(() => predictServerWatts({ cpuModel: 'x', threads: 4, memoryGb: -1 }, [0])).toThrow(/memoryGb/);
  });

  // Measured SPECpower curves (idle, 10 … 100 %); the model should land within 15 % on average.
  it.each([
    [
      'HPE DL20 Gen10 Plus',
      {
        cpuModel: 'Intel(R) Xeon(R) E-2388G CPU 3.20GHz',
        vendor: 'Hewlett Packard Enterprise',
        architecture: 'rocketlake',
        sockets: 1,
        cores: 8,
        threads: 16,
        tdpWattsPerSocket: 95,
        memoryGb: 16,
        year: 2022,
      },
      [21.7, 27.5, 30.5, 33.2, 36.1, 40.1, 44.5, 49.7, 55.9, 66.4, 82.8],
    ],
    [
      'Fujitsu RX300 S7',
      {
        cpuModel: 'Intel Xeon E5-2660',
        vendor: 'Fujitsu',
        architecture: 'sandybridge',
        sockets: 2,
        cores: 16,
        threads: 32,
        tdpWattsPerSocket: 95,
        memoryGb: 24,
        year: 2012,
      },
      [54.0, 75.3, 85.4, 95.2, 106, 117, 132, 153, 183, 216, 245],
    ],
    [
      'Fujitsu RX2530 M6',
      {
        cpuModel: 'Intel Xeon Platinum 8380',
        vendor: 'Fujitsu',
        architecture: 'icelake',
        sockets: 2,
        cores: 80,
        threads: 160,
        tdpWattsPerSocket: 270,
        memoryGb: 256,
        year: 2021,
      },
      [131, 194, 221, 248, 274, 302, 336, 380, 444, 499, 580],
    ],
    [
      'Acer GR385 F1',
      {
        cpuModel: 'AMD Opteron 6174',
        vendor: 'Acer Incorporated',
        architecture: 'opteron',
        sockets: 2,
        cores: 24,
        threads: 24,
        tdpWattsPerSocket: 115,
        memoryGb: 16,
        year: 2010,
      },
      [86.5, 132, 146, 161, 179, 198, 216, 230, 245, 259, 273],
    ],
    [
      'Dell R710',
      {
        cpuModel: 'Intel Xeon X5670',
        vendor: 'Dell Inc.',
        architecture: 'nehalem',
        sockets: 2,
        cores: 12,
        threads: 24,
        tdpWattsPerSocket: 95,
        memoryGb: 12,
        year: 2010,
      },
      [64, 104, 116, 126, 137, 148, 158, 173, 190, 210, 232],
    ],
    [
      'Lenovo SR635 (name and threads only)',
      { cpuModel: 'AMD EPYC 7763 2.45GHz', threads: 128 },
      [54.0, 99.6, 112, 123, 132, 143, 154, 165, 178, 203, 240],
    ],
  ] as [string, MachineInput, number[]][])('%s', (_name, m, measured) => {
    const w = predictServerWatts(
      m,
      measured.map((_, i) => i / 10),
    );
    const ape = measured.reduce((s, x, i) => s + Math.abs(w[i]! - x) / x, 0) / measured.length;
    expect(ape).toBeLessThan(0.15);
  });
});

describe('predictWithBand and powerModelInfo', () => {
  it('the band brackets the estimate with the published ratios', () => {
    const { band } = powerModelInfo();
    const r = predictWithBand(machines[0]![1], 0.5);
    expect(r.lowW).toBeLessThan(r.watts);
    expect(r.highW).toBeGreaterThan(r.watts);
    expect(r.lowW / r.watts).toBeCloseTo(band.lowRatio, 10);
    expect(r.highW / r.watts).toBeCloseTo(band.highRatio, 10);
  });

  it('reports a cross-validated MAPE that meets the 10 % target and an ~80 % band', () => {
    const info = powerModelInfo();
    expect(info.name).toMatch(/SPECpower/);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.cvMapePct).toBeGreaterThan(0);
    expect(info.cvMapePct).toBeLessThanOrEqual(10);
    expect(info.band.coverage).toBeGreaterThan(0.7);
    expect(info.band.coverage).toBeLessThan(0.9);
  });

  it('does not extrapolate the year or memory trends past the training data', () => {
    const m: MachineInput = { cpuModel: 'AMD EPYC 7763', threads: 128, sockets: 1, memoryGb: 256 };
    const late = predictCurveWithBasis({ ...m, year: 2030 });
    expect(late.curve).toEqual(predictCurveWithBasis({ ...m, year: 2022 }).curve);
    expect(late.basis.join('\n')).toMatch(
      /year 2030 is outside the training data \(2004–2022\): modelled as 2022/,
    );
    const big = predictCurveWithBasis({ ...m, memoryGb: 100_000 });
    expect(big.basis.join('\n')).toMatch(
      /memory 100000 GB is outside the training data \(4–1536 GB\): modelled as 1536 GB/,
    );
  });

  it('says how missing fields were filled', () => {
    const { basis } = predictCurveWithBasis({ cpuModel: 'AMD EPYC 9654 96-Core Processor', threads: 384 });
    expect(basis.join('\n')).toMatch(/epyc-gen4 .* modelled as epyc-gen3/);
    expect(basis.join('\n')).toMatch(/sockets: 2 \(384 threads ÷ 192 per socket\)/);
    expect(basis.join('\n')).toMatch(/TDP: 360 W/);
    expect(basis.join('\n')).toMatch(/memory: /);
  });
});
