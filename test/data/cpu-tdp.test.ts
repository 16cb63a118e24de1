import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import cpuTdpData from '../../data/cpu-tdp.json' with { type: 'json' };
import { fallbackTdpPerCoreW, findCpu, normaliseCpuName } from '../../src/data/cpu-tdp.js';

describe('normaliseCpuName', () => {
  it.each([
    ['Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz', 'xeon platinum 8370c'],
    ['AMD EPYC 7763 64-Core Processor', 'epyc 7763'],
    ['Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz', 'xeon e5-2620 v3'],
    ['Intel Xeon E5-2620 v3', 'xeon e5-2620 v3'],
    ['Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz', 'core i7-8650u'],
    ['AMD FX(tm)-8350 Eight-Core Processor', 'fx-8350'],
    ['Intel(R) Core(TM)2 Quad CPU    Q6600  @ 2.40GHz', 'core 2 quad q6600'],
    ['13th Gen Intel(R) Core(TM) i7-1365U', 'core i7-1365u'],
    ['AMD Ryzen 7 5800U with Radeon Graphics', 'ryzen 7 5800u'],
    ['  AMD   EPYC  ', 'epyc'],
  ])('%j -> %j', (raw, key) => {
    expect(normaliseCpuName(raw)).toBe(key);
  });
});

describe('findCpu', () => {
  it.each([
    // GitHub's ubuntu-latest runner: the Green Algorithms row, which has the core count.
    ['AMD EPYC 7763 64-Core Processor', 'AMD EPYC 7763', 280, 64, 'normalised'],
    ['Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz', 'Intel Xeon Platinum 8370C', 205, null, 'normalised'],
    ['Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz', 'Intel Xeon E5-2620 v3', 85, null, 'normalised'],
    ['AMD EPYC 8024P 8-Core Processor', 'AMD EPYC 8024P', 90, null, 'normalised'],
    ['Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz', 'Intel Core i7-8650U', 15, null, 'normalised'],
    ['Apple M1', 'Apple M1', 10, null, 'exact'],
    ['Intel Xeon E5-2620 v3', 'Intel Xeon E5-2620 v3', 85, null, 'exact'],
    // CodeCarbon also lists it as "FX-8350"; cpuinfo's "(tm)" glued to the name must not matter.
    ['AMD FX(tm)-8350 Eight-Core Processor', 'AMD FX-8350', 125, 8, 'normalised'],
  ] as const)('%j -> %s, %i W, %s cores', (raw, model, tdpW, cores, match) => {
    expect(findCpu(raw)).toMatchObject({ model, tdpW, cores, match });
  });

  it.each([
    // Vague names some VMs report: a partial match would pick an arbitrary EPYC or Xeon.
    'AMD EPYC',
    'AMD EPYC Processor',
    'Intel(R) Xeon(R) CPU @ 2.20GHz',
    'Intel(R) Xeon(R) Processor',
    'Common KVM processor',
    'QEMU Virtual CPU version 2.5+',
    // A real model with an extra suffix is not silently matched to a prefix of it.
    'AMD EPYC 7763X',
    'AMD EPYC 776',
    'unknown',
    '',
    '   ',
  ])('%j -> null', (raw) => {
    expect(findCpu(raw)).toBeNull();
  });

  it('returns year null when the data has none', () => {
    expect(findCpu('AMD EPYC 7763')?.year).toBeNull();
  });

  it('finds every committed row again under its own name, with no two rows sharing a key', () => {
    // Guards against normaliseCpuName drifting from the copy in scripts/derive-data.mjs, which
    // dedupes on it: two rows with one key would make one of them unreachable.
    const keys = new Set(cpuTdpData.cpus.map((row) => normaliseCpuName(row.model)));
    expect(keys.size).toBe(cpuTdpData.cpus.length);
    expect(keys.has('')).toBe(false);
    for (const family of ['epyc', 'xeon', 'core', 'ryzen', 'opteron', 'atom', 'celeron', 'pentium']) {
      expect(keys.has(family), family).toBe(false);
    }
  });

  it('uses the same replacement rules as scripts/derive-data.mjs', () => {
    const rules = (path: string): string[] => {
      const text = readFileSync(new URL(path, import.meta.url), 'utf8');
      const body = text.slice(text.indexOf('function normaliseCpuName('));
      return body
        .slice(0, body.indexOf('\n}\n'))
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.startsWith('.replace('));
    };
    const inScript = rules('../../scripts/derive-data.mjs');
    expect(inScript.length).toBeGreaterThan(5);
    expect(rules('../../src/data/cpu-tdp.ts')).toEqual(inScript);
  });
});

describe('fallbackTdpPerCoreW', () => {
  it('is the committed median with its basis', () => {
    const { wattsPerCore, basis } = fallbackTdpPerCoreW();
    expect(wattsPerCore).toBe(cpuTdpData.fallback.tdpPerCoreW);
    expect(wattsPerCore).toBeGreaterThan(3);
    expect(wattsPerCore).toBeLessThan(20);
    expect(basis).toMatch(/^median of \d+ CPUs/);
  });
});
