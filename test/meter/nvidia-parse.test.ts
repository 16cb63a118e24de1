import { describe, expect, it } from 'vitest';
import {
  parseComputeApps,
  parseGpuList,
  parseMigParents,
  parsePowerLine,
} from '../../src/meter/nvidia-parse.js';

describe('parsePowerLine (--format=csv,noheader,nounits)', () => {
  it.each([
    [
      '0, NVIDIA H100 80GB HBM3, 312.45',
      { kind: 'reading', index: 0, name: 'NVIDIA H100 80GB HBM3', watts: 312.45 },
    ],
    [
      '1, NVIDIA A100-SXM4-40GB, 58.12',
      { kind: 'reading', index: 1, name: 'NVIDIA A100-SXM4-40GB', watts: 58.12 },
    ],
    ['0, Tesla T4, 27.94', { kind: 'reading', index: 0, name: 'Tesla T4', watts: 27.94 }],
    [
      '7, NVIDIA GeForce RTX 4090, 31.2',
      { kind: 'reading', index: 7, name: 'NVIDIA GeForce RTX 4090', watts: 31.2 },
    ],
    ['2, NVIDIA L4, 16\r', { kind: 'reading', index: 2, name: 'NVIDIA L4', watts: 16 }],
    [
      '  0 ,  Quadro RTX 8000 ,  12.50  ',
      { kind: 'reading', index: 0, name: 'Quadro RTX 8000', watts: 12.5 },
    ],
    // Without nounits nvidia-smi appends " W"; tolerated.
    [
      '0, NVIDIA GeForce GTX 1080 Ti, 55.30 W',
      { kind: 'reading', index: 0, name: 'NVIDIA GeForce GTX 1080 Ti', watts: 55.3 },
    ],
    [
      '3, NVIDIA RTX A6000, [N/A]',
      { kind: 'unavailable', index: 3, name: 'NVIDIA RTX A6000', value: '[N/A]' },
    ],
    [
      '0, Tesla K80, [Not Supported]',
      { kind: 'unavailable', index: 0, name: 'Tesla K80', value: '[Not Supported]' },
    ],
    [
      '0, NVIDIA H100 PCIe, [Unknown Error]',
      { kind: 'unavailable', index: 0, name: 'NVIDIA H100 PCIe', value: '[Unknown Error]' },
    ],
    ['0, NVIDIA H100 PCIe, -5.0', { kind: 'unavailable', index: 0, name: 'NVIDIA H100 PCIe', value: '-5.0' }],
    ['0, NVIDIA H100 PCIe, 1e3', { kind: 'unavailable', index: 0, name: 'NVIDIA H100 PCIe', value: '1e3' }],
    // Above MAX_PLAUSIBLE_W: a corrupted number must not dominate the run.
    [
      '0, NVIDIA H100 PCIe, 99999.00',
      { kind: 'unavailable', index: 0, name: 'NVIDIA H100 PCIe', value: '99999.00' },
    ],
    ['0, NVIDIA H100 PCIe, ', { kind: 'unavailable', index: 0, name: 'NVIDIA H100 PCIe', value: '' }],
    ['', { kind: 'blank' }],
    ['   ', { kind: 'blank' }],
    ['No devices were found', { kind: 'unreadable', text: 'No devices were found' }],
    [
      'Failed to initialize NVML: Driver/library version mismatch',
      { kind: 'unreadable', text: 'Failed to initialize NVML: Driver/library version mismatch' },
    ],
    ['0, NVIDIA H100 80GB HBM3', { kind: 'unreadable', text: '0, NVIDIA H100 80GB HBM3' }],
    ['GPU-5fd4, NVIDIA H100, 80.0', { kind: 'unreadable', text: 'GPU-5fd4, NVIDIA H100, 80.0' }],
    ['index, name, power.draw [W]', { kind: 'unreadable', text: 'index, name, power.draw [W]' }],
  ])('%j', (line, expected) => {
    expect(parsePowerLine(line)).toEqual(expected);
  });
});

const U0 = 'GPU-5d5ba0d6-d33d-2b2c-524d-9e3d8d2b8a77';
const U1 = 'GPU-8932f937-d72c-4106-c12f-20bd9faed9f6';

describe('parseGpuList (--query-gpu=index,uuid,name --format=csv,noheader)', () => {
  it.each([
    [`0, ${U0}, NVIDIA H100 80GB HBM3\n`, [{ index: 0, uuid: U0, name: 'NVIDIA H100 80GB HBM3' }]],
    [
      `0, ${U0}, Tesla T4\n1, ${U1}, Tesla T4\n`,
      [
        { index: 0, uuid: U0, name: 'Tesla T4' },
        { index: 1, uuid: U1, name: 'Tesla T4' },
      ],
    ],
    [`0, ${U0}, NVIDIA GeForce RTX 3090\r\n\n`, [{ index: 0, uuid: U0, name: 'NVIDIA GeForce RTX 3090' }]],
    ['No devices were found\n', []],
    ['', []],
    [`index, uuid, name\n0, ${U0}, NVIDIA L4\n`, [{ index: 0, uuid: U0, name: 'NVIDIA L4' }]],
    // An old nvidia-smi answering without the uuid column: the line does not fit.
    ['0, NVIDIA L4\n', []],
  ])('%j', (text, expected) => {
    expect(parseGpuList(text)).toEqual(expected);
  });
});

describe('parseComputeApps (--query-compute-apps=pid,gpu_uuid,used_memory, nounits)', () => {
  it.each([
    [`4242, ${U0}, 20480\n`, [{ pid: 4242, gpuUuid: U0, usedMiB: 20480 }]],
    [
      `1, ${U0}, 10\n77, ${U1}, [N/A]\n`,
      [
        { pid: 1, gpuUuid: U0, usedMiB: 10 },
        { pid: 77, gpuUuid: U1, usedMiB: null },
      ],
    ],
    ['No running processes found\n', []],
    ['', []],
    [`pid, gpu_uuid, used_gpu_memory [MiB]\n9, ${U1}, 5\n`, [{ pid: 9, gpuUuid: U1, usedMiB: 5 }]],
  ])('%j', (text, expected) => {
    expect(parseComputeApps(text)).toEqual(expected);
  });
});

describe('parseMigParents (nvidia-smi -L)', () => {
  it('maps each MIG device to the GPU line above it', () => {
    const text = [
      `GPU 0: NVIDIA A100-SXM4-40GB (UUID: ${U0})`,
      '  MIG 1g.5gb      Device  0: (UUID: MIG-c6d4f1ef-42e4-5de3-91c7-45d71c87eb3f)',
      '  MIG 1g.5gb      Device  1: (UUID: MIG-0a1b2c3d-42e4-5de3-91c7-45d71c87eb3f)',
      `GPU 1: NVIDIA A100-SXM4-40GB (UUID: ${U1})`,
      '  MIG 3g.20gb     Device  0: (UUID: MIG-ffffffff-42e4-5de3-91c7-45d71c87eb3f)',
    ].join('\n');
    expect([...parseMigParents(text)]).toEqual([
      ['MIG-c6d4f1ef-42e4-5de3-91c7-45d71c87eb3f', U0],
      ['MIG-0a1b2c3d-42e4-5de3-91c7-45d71c87eb3f', U0],
      ['MIG-ffffffff-42e4-5de3-91c7-45d71c87eb3f', U1],
    ]);
  });

  it('no MIG devices, or output it does not know: empty', () => {
    expect(parseMigParents(`GPU 0: Tesla T4 (UUID: ${U0})\n`).size).toBe(0);
    expect(parseMigParents('NVIDIA-SMI has failed\n').size).toBe(0);
  });
});
