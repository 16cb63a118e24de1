import { describe, expect, it } from 'vitest';
import { diffLayers, layerDiffLines, LayerDiffSchema, type LayerDiff } from '../../src/report/layer-diff.js';
import type { LayerCost } from '../../src/runner/metrics-file.js';

/** A layer as the TF.js runner lists it (share is not compared by the diff). */
const L = (
  type: string,
  name: string,
  units: string | undefined,
  macs: number,
  params = macs,
): LayerCost => ({
  name,
  type,
  params,
  macs,
  share: 0,
  ...(units === undefined ? {} : { units }),
});

// Dense on 784 inputs: 784·units MACs; then on its units: units·10.
const d1 = (units: number, name = 'dense_Dense1') => L('Dense', name, String(units), 784 * units);
const out = (inputs: number, name = 'dense_Dense2') => L('Dense', name, '10', inputs * 10);
const conv = (filters: number, name: string, macs: number) => L('Conv2D', name, `${filters} 3×3`, macs);
const flatten = (name: string, size: string) => L('Flatten', name, size, 0, 0);

const cases: {
  name: string;
  base: LayerCost[];
  head: LayerCost[];
  diff: Omit<LayerDiff, 'baseMacs' | 'headMacs' | 'macsRatio'> | null;
}[] = [
  {
    name: 'a Dense layer added at the end',
    base: [d1(128), out(128)],
    head: [d1(128), out(128), L('Dense', 'dense_Dense3', '10', 100)],
    diff: {
      changes: [{ kind: 'added', type: 'Dense', name: 'dense_Dense3', to: '10', macsDelta: 100 }],
      more: 0,
    },
  },
  {
    name: 'a layer removed (and the next one, fed fewer inputs, costs less)',
    base: [conv(32, 'c1', 86_528), conv(64, 'c2', 1_327_104), flatten('f1', '36864'), out(36_864, 'd1')],
    head: [conv(32, 'c1', 86_528), flatten('f1', '21632'), out(21_632, 'd1')],
    diff: {
      changes: [
        { kind: 'removed', type: 'Conv2D', name: 'c2', from: '64 3×3', macsDelta: -1_327_104 },
        { kind: 'resized', type: 'Dense', name: 'd1', from: '10', to: '10', macsDelta: -152_320 },
        { kind: 'resized', type: 'Flatten', name: 'f1', from: '36864', to: '21632', macsDelta: 0 },
      ],
      more: 0,
    },
  },
  {
    name: 'resized 128→512',
    base: [d1(128), out(128)],
    head: [d1(512), out(512)],
    diff: {
      changes: [
        { kind: 'resized', type: 'Dense', name: 'dense_Dense1', from: '128', to: '512', macsDelta: 301_056 },
        { kind: 'resized', type: 'Dense', name: 'dense_Dense2', from: '10', to: '10', macsDelta: 3_840 },
      ],
      more: 0,
    },
  },
  {
    // TF.js numbers layer names in creation order: the inserted layer takes dense_Dense2, the output
    // layer becomes dense_Dense3. Aligned on types and sizes, not names: no "resized 10→512".
    name: 'a layer inserted: names shift, types and sizes align',
    base: [d1(128), out(128, 'dense_Dense2')],
    head: [d1(128), L('Dense', 'dense_Dense2', '512', 128 * 512), out(512, 'dense_Dense3')],
    diff: {
      changes: [
        { kind: 'added', type: 'Dense', name: 'dense_Dense2', to: '512', macsDelta: 65_536 },
        { kind: 'resized', type: 'Dense', name: 'dense_Dense3', from: '10', to: '10', macsDelta: 3_840 },
      ],
      more: 0,
    },
  },
  {
    name: 'a Dropout inserted: every name after it differs, nothing else does',
    base: [
      conv(32, 'conv2d_Conv2D1', 86_528),
      flatten('flatten_Flatten1', '21632'),
      out(21_632, 'dense_Dense1'),
    ],
    head: [
      conv(32, 'conv2d_Conv2D4', 86_528),
      L('Dropout', 'dropout_Dropout1', '26×26×32', 0, 0),
      flatten('flatten_Flatten4', '21632'),
      out(21_632, 'dense_Dense7'),
    ],
    diff: {
      changes: [{ kind: 'added', type: 'Dropout', name: 'dropout_Dropout1', to: '26×26×32', macsDelta: 0 }],
      more: 0,
    },
  },
  {
    name: 'identical (names aside): null',
    base: [d1(128), out(128)],
    head: [d1(128, 'dense_Dense5'), out(128, 'dense_Dense6')],
    diff: null,
  },
  { name: 'no base layers: null', base: [], head: [d1(128)], diff: null },
  { name: 'no head layers: null', base: [d1(128)], head: [], diff: null },
  {
    name: 'more than 5 changes: the largest, and how many more',
    base: [d1(128)],
    head: [d1(128), ...[1, 7, 3, 6, 2, 5, 4].map((k) => L('Dense', `extra${k}`, String(k), k * 10))],
    diff: {
      changes: [7, 6, 5, 4, 3].map((k) => ({
        kind: 'added' as const,
        type: 'Dense',
        name: `extra${k}`,
        to: String(k),
        macsDelta: k * 10,
      })),
      more: 2,
    },
  },
];

const total = (layers: LayerCost[]) => layers.reduce((s, l) => s + l.macs, 0);

describe('diffLayers', () => {
  it.each(cases)('$name', ({ base, head, diff }) => {
    const d = diffLayers(base, head);
    if (diff === null) return expect(d).toBeNull();
    const [baseMacs, headMacs] = [total(base), total(head)];
    expect(d).toEqual({ baseMacs, headMacs, macsRatio: headMacs / baseMacs, ...diff });
    expect(LayerDiffSchema.parse(d)).toEqual(d);
  });

  it('a base without MACs has no ratio', () => {
    const d = diffLayers([flatten('f', '4')], [flatten('f', '4'), L('Dense', 'd', '2', 8)]);
    expect(d).toMatchObject({ baseMacs: 0, headMacs: 8, macsRatio: null });
  });

  it('caps text at the schema’s 300 characters', () => {
    const long = 'n'.repeat(400);
    const d = diffLayers([d1(1)], [d1(1), L(long, long, long, 1)]);
    expect(d?.changes[0]).toMatchObject({
      type: 'n'.repeat(300),
      name: 'n'.repeat(300),
      to: 'n'.repeat(300),
    });
    expect(LayerDiffSchema.safeParse(d).success).toBe(true);
  });
});

describe('layerDiffLines', () => {
  const diff = (name: string) =>
    diffLayers(cases.find((c) => c.name === name)!.base, cases.find((c) => c.name === name)!.head)!;

  it.each([
    {
      name: 'a layer inserted: names shift, types and sizes align',
      // 101,632 MACs → 171,008.
      measured: 1.29,
      lines: [
        '+1 Dense (512), ~1 Dense (10): MACs +68.3 %, energy predicted +68.3 %, measured +29.0 %',
        '+ Dense dense_Dense2 (512): +65,536 MACs',
        '~ Dense dense_Dense3 (10): +3,840 MACs',
      ],
    },
    {
      name: 'a layer removed (and the next one, fed fewer inputs, costs less)',
      measured: undefined,
      // 1,782,272 MACs → 302,848.
      lines: [
        '−1 Conv2D (64 3×3), ~1 Dense (10), ~1 Flatten (36864→21632): MACs −83.0 %',
        '− Conv2D c2 (64 3×3): −1,327,104 MACs',
        '~ Dense d1 (10): −152,320 MACs',
        '~ Flatten f1 (36864→21632): ±0 MACs',
      ],
    },
    {
      name: 'resized 128→512',
      measured: 0.88,
      lines: [
        'layers unchanged in type, ~2 Dense (128→512, 10): MACs +300.0 %, energy predicted +300.0 %, measured −12.0 %',
        '~ Dense dense_Dense1 (128→512): +301,056 MACs',
        '~ Dense dense_Dense2 (10): +3,840 MACs',
      ],
    },
    {
      name: 'more than 5 changes: the largest, and how many more',
      measured: Number.NaN,
      lines: [
        '+5 Dense (7, 6, 5, 4, 3) and 2 more changes: MACs +0.3 %',
        '+ Dense extra7 (7): +70 MACs',
        '+ Dense extra6 (6): +60 MACs',
        '+ Dense extra5 (5): +50 MACs',
        '+ Dense extra4 (4): +40 MACs',
        '+ Dense extra3 (3): +30 MACs',
      ],
    },
  ])('$name', ({ name, measured, lines }) => {
    expect(layerDiffLines(diff(name), measured)).toEqual(lines);
  });

  it('a base without MACs: the totals, and the measured change', () => {
    const d = diffLayers([flatten('f', '4')], [flatten('f', '4'), L('Dense', 'd', '2', 8)])!;
    expect(layerDiffLines(d, 1.5)).toEqual([
      '+1 Dense (2): MACs 0 → 8; measured energy +50.0 %',
      '+ Dense d (2): +8 MACs',
    ]);
  });
});
