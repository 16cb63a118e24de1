import { describe, expect, it } from 'vitest';
import { parseCpuInfo, parseMemTotal } from '../../src/meter/machine.js';

function cpuinfo(
  model: string,
  n: number,
  opts: { siblings: number; cores: number; sockets?: number; vm?: boolean },
) {
  return Array.from({ length: n }, (_, i) =>
    [
      `processor\t: ${i}`,
      `model name\t: ${model}`,
      `physical id\t: ${i % (opts.sockets ?? 1)}`,
      `siblings\t: ${opts.siblings}`,
      `cpu cores\t: ${opts.cores}`,
      `flags\t\t: fpu sse2 ${opts.vm ? 'hypervisor ' : ''}avx2`,
    ].join('\n'),
  ).join('\n\n');
}

describe('parseCpuInfo', () => {
  it.each([
    [
      'GitHub runner shape',
      cpuinfo('AMD EPYC 7763 64-Core Processor', 4, { siblings: 4, cores: 2, vm: true }),
      {
        model: 'AMD EPYC 7763 64-Core Processor',
        logicalCpus: 4,
        sockets: 1,
        threadsPerCore: 2,
        virtualised: true,
      },
    ],
    [
      'two-socket bare metal',
      cpuinfo('Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz', 24, { siblings: 12, cores: 6, sockets: 2 }),
      {
        model: 'Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz',
        logicalCpus: 24,
        sockets: 2,
        threadsPerCore: 2,
        virtualised: false,
      },
    ],
    [
      'no SMT, no topology fields',
      'processor\t: 0\nmodel name\t: Some CPU\n\nprocessor\t: 1\nmodel name\t: Some CPU\n',
      { model: 'Some CPU', logicalCpus: 2, sockets: 1, threadsPerCore: 1, virtualised: false },
    ],
    ['empty', '', { model: 'unknown', logicalCpus: 1, sockets: 1, threadsPerCore: 1, virtualised: false }],
  ])('%s', (_name, text, expected) => {
    expect(parseCpuInfo(text)).toEqual(expected);
  });
});

describe('parseMemTotal', () => {
  it.each([
    ['MemTotal:       16384000 kB\nMemFree: 1 kB\n', 16384000 * 1024],
    ['MemFree: 1 kB\n', null],
  ])('%j', (text, expected) => {
    expect(parseMemTotal(text)).toBe(expected);
  });
});
