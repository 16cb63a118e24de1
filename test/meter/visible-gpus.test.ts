import { describe, expect, it } from 'vitest';
import type { NvidiaGpu } from '../../src/meter/nvidia-parse.js';
import { visibilitySetting, visibleGpus, type VisibilityEnv } from '../../src/meter/visible-gpus.js';

const U = [
  'GPU-8932f937-d72c-4106-c12f-20bd9faed9f6',
  'GPU-5d5ba0d6-d33d-2b2c-524d-9e3d8d2b8a77',
  'GPU-5d5bffff-0000-1111-2222-333344445555',
  'GPU-0a0a0a0a-0000-1111-2222-333344445555',
] as const;
const h100 = (i: number): NvidiaGpu => ({ index: i, uuid: U[i]!, name: 'NVIDIA H100 80GB HBM3' });
const four = [0, 1, 2, 3].map(h100);
const MIG_NEW = 'MIG-c6d4f1ef-42e4-5de3-91c7-45d71c87eb3f';
const mig = new Map([[MIG_NEW, U[2]]]);

const metered = (env: VisibilityEnv, gpus = four) => visibleGpus(gpus, env, mig).metered.map((g) => g.index);

describe('visibleGpus: CUDA_VISIBLE_DEVICES as CUDA reads it', () => {
  it.each<[string, string | undefined, number[]]>([
    ['unset: every GPU', undefined, [0, 1, 2, 3]],
    ['empty: none', '', []],
    ['blank: none', '  ', []],
    ['one index', '2', [2]],
    ['a comma list', '0,2', [0, 2]],
    ['spaces around entries', ' 0 , 2 ', [0, 2]],
    ['order does not matter to metering', '3,1', [1, 3]],
    ['a repeated index is metered once', '1,1', [1]],
    ['a full UUID', U[1], [1]],
    ['UUIDs are case-insensitive', U[3].toUpperCase().replace('GPU-', 'GPU-'), [3]],
    ['a unique UUID prefix', 'GPU-8932f937', [0]],
    ['an ambiguous prefix stops there', 'GPU-5d5b', []],
    ['a prefix after an index', '3,GPU-5d5ba0d6', [1, 3]],
    ['an index out of range stops there: 0,5,1 → 0', '0,5,1', [0]],
    ['-1 stops there: 0,2,-1,1 → 0,2', '0,2,-1,1', [0, 2]],
    ['an unknown UUID stops there', 'GPU-deadbeef,1', []],
    ['"all" is not a CUDA value: none', 'all', []],
    ['"none" is not a CUDA value either: none', 'none', []],
    ['an empty entry stops there', '1,,2', [1]],
    ['a MIG UUID: its board', MIG_NEW, [2]],
    ['the old MIG form: its board', `MIG-${U[3]}/1/0`, [3]],
    ['an unknown MIG UUID stops there', 'MIG-00000000-0000-0000-0000-000000000000', []],
  ])('%s (%j)', (_, value, want) => {
    expect(metered({ CUDA_VISIBLE_DEVICES: value })).toEqual(want);
  });

  it('names the entry CUDA stops at, and what it ignores with it', () => {
    const r = visibleGpus(four, { CUDA_VISIBLE_DEVICES: '0,5,1' });
    expect(r.warnings).toEqual([
      'CUDA_VISIBLE_DEVICES names "5", which is not a GPU the job has; CUDA ignores it and every entry after it (1), so the benchmark sees GPU 0 only',
    ]);
    expect(visibleGpus(four, { CUDA_VISIBLE_DEVICES: 'GPU-deadbeef' }).warnings[0]).toMatch(
      /^CUDA_VISIBLE_DEVICES names "GPU-deadbeef", .*so the benchmark sees no GPU$/,
    );
  });

  it('lists the skipped GPUs with the reason and the setting', () => {
    const r = visibleGpus(four, { CUDA_VISIBLE_DEVICES: '0,2' });
    expect(r.skipped).toEqual([
      {
        index: 1,
        uuid: U[1],
        name: h100(1).name,
        reason: 'not visible to the job (CUDA_VISIBLE_DEVICES=0,2)',
      },
      {
        index: 3,
        uuid: U[3],
        name: h100(3).name,
        reason: 'not visible to the job (CUDA_VISIBLE_DEVICES=0,2)',
      },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('a value with odd characters is shown tamed and clipped', () => {
    const r = visibleGpus(four, { CUDA_VISIBLE_DEVICES: `0,<b>\`x\`</b>,${'9'.repeat(200)}` });
    expect(r.warnings[0]).not.toMatch(/[<>`]/);
    // The value clipped to 80 characters inside the reason.
    expect(r.skipped[0]!.reason).toMatch(
      /^not visible to the job \(CUDA_VISIBLE_DEVICES=0,\?b\?\?x\?\?\/b\?,9{64}\.\.\.\)$/,
    );
  });

  it('indices on mixed GPUs without CUDA_DEVICE_ORDER=PCI_BUS_ID: a warning; with it or by UUID, none', () => {
    const mixed = [h100(0), { index: 1, uuid: U[1], name: 'Tesla T4' }];
    expect(visibleGpus(mixed, { CUDA_VISIBLE_DEVICES: '1' }).warnings).toEqual([
      expect.stringMatching(/fastest first unless CUDA_DEVICE_ORDER=PCI_BUS_ID/),
    ]);
    const ordered = { CUDA_VISIBLE_DEVICES: '1', CUDA_DEVICE_ORDER: 'PCI_BUS_ID' };
    expect(visibleGpus(mixed, ordered).warnings).toEqual([]);
    expect(visibleGpus(mixed, { CUDA_VISIBLE_DEVICES: U[1] }).warnings).toEqual([]);
    expect(visibleGpus(four, { CUDA_VISIBLE_DEVICES: '1' }).warnings).toEqual([]);
  });

  it('MIG: the board is marked shared', () => {
    expect(visibleGpus(four, { CUDA_VISIBLE_DEVICES: MIG_NEW }, mig).migShared.map((g) => g.index)).toEqual([
      2,
    ]);
    expect(visibleGpus(four, { CUDA_VISIBLE_DEVICES: '2' }, mig).migShared).toEqual([]);
  });
});

describe('visibleGpus: NVIDIA_VISIBLE_DEVICES as the container runtime reads it', () => {
  it.each<[string, string | undefined, number[]]>([
    ['unset: every GPU', undefined, [0, 1, 2, 3]],
    ['all', 'all', [0, 1, 2, 3]],
    ['ALL, any case', ' ALL ', [0, 1, 2, 3]],
    ['none', 'none', []],
    ['void', 'void', []],
    ['empty', '', []],
    ['host view: indices', '1,3', [1, 3]],
    ['host view: UUIDs', `${U[0]},${U[2]}`, [0, 2]],
    ['host view: GPU:MIG index', '2:0', [2]],
    ['host view: an unknown entry is skipped, the others kept', '7,1', [1]],
  ])('%s (%j)', (_, value, want) => {
    expect(metered({ NVIDIA_VISIBLE_DEVICES: value })).toEqual(want);
  });

  it('inside the container (no more GPUs listed than named): every listed GPU is the job’s', () => {
    // The runtime gave GPUs 2 and 3; nvidia-smi inside lists them renumbered 0 and 1.
    const inside = [h100(0), h100(1)];
    expect(metered({ NVIDIA_VISIBLE_DEVICES: '2,3' }, inside)).toEqual([0, 1]);
  });

  it('an unknown entry is named', () => {
    expect(visibleGpus(four, { NVIDIA_VISIBLE_DEVICES: '7,1' }).warnings).toEqual([
      'NVIDIA_VISIBLE_DEVICES names "7", which is not a GPU nvidia-smi lists; ignored',
    ]);
  });

  it('CUDA indices count the GPUs the job has, after NVIDIA_VISIBLE_DEVICES', () => {
    const env = { NVIDIA_VISIBLE_DEVICES: '1,3', CUDA_VISIBLE_DEVICES: '1' };
    const r = visibleGpus(four, env);
    expect(r.metered.map((g) => g.index)).toEqual([3]);
    expect(r.skipped.map((g) => [g.index, g.reason])).toEqual([
      [0, 'not visible to the job (NVIDIA_VISIBLE_DEVICES=1,3)'],
      [1, 'not visible to the job (CUDA_VISIBLE_DEVICES=1)'],
      [2, 'not visible to the job (NVIDIA_VISIBLE_DEVICES=1,3)'],
    ]);
  });
});

describe('visibilitySetting', () => {
  it.each<[VisibilityEnv, string]>([
    [{}, ''],
    [{ CUDA_VISIBLE_DEVICES: '0,2' }, 'CUDA_VISIBLE_DEVICES=0,2'],
    [
      { CUDA_VISIBLE_DEVICES: '', NVIDIA_VISIBLE_DEVICES: 'all' },
      'NVIDIA_VISIBLE_DEVICES=all, CUDA_VISIBLE_DEVICES=',
    ],
  ])('%j → %j', (env, want) => {
    expect(visibilitySetting(env)).toBe(want);
  });
});
