import { describe, expect, it } from 'vitest';
import { costTable } from '../../src/tfjs/cost/cost-table.js';
import { countLayer, type LayerShape } from '../../src/tfjs/cost/layer-cost.js';
import { layerUnits } from '../../src/tfjs/cost/layer-units.js';
import { MAX_LAYERS } from '../../src/runner/metrics-file.js';

const layer = (
  className: string,
  config: Record<string, unknown>,
  inputShape: (number | null)[],
  outputShape: (number | null)[],
): LayerShape => ({
  name: className.toLowerCase(),
  className,
  config,
  inputShape,
  outputShape,
});

// Every expected value is worked out by hand in the comment beside it.
const cases: { name: string; l: LayerShape; params: number; macs: number | undefined }[] = [
  // 4 inputs × 3 units + 3 biases; 4 × 3 multiply-adds.
  { name: 'Dense 4→3', l: layer('Dense', { units: 3 }, [null, 4], [null, 3]), params: 15, macs: 12 },
  {
    name: 'Dense without bias',
    l: layer('Dense', { units: 3, useBias: false }, [null, 4], [null, 3]),
    params: 12,
    macs: 12,
  },
  // On [5 steps, 4]: the same weights, applied 5 times.
  {
    name: 'Dense on a sequence',
    l: layer('Dense', { units: 3 }, [null, 5, 4], [null, 5, 3]),
    params: 15,
    macs: 60,
  },
  // 3×3 kernel, 1 → 2 channels: 9·1·2 + 2 = 20; output 4×4 positions × 9·1·2 = 288.
  {
    name: 'Conv2D 6×6×1, 3×3, 2 filters, valid',
    l: layer('Conv2D', { filters: 2, kernelSize: [3, 3] }, [null, 6, 6, 1], [null, 4, 4, 2]),
    params: 20,
    macs: 288,
  },
  // 'same', stride 2: output 3×3; 2×2 kernel, 3 → 4 channels: 2·2·3·4 + 4 = 52; 9 × 48 = 432.
  {
    name: 'Conv2D stride 2 same',
    l: layer(
      'Conv2D',
      { filters: 4, kernelSize: 2, strides: 2, padding: 'same' },
      [null, 6, 6, 3],
      [null, 3, 3, 4],
    ),
    params: 52,
    macs: 432,
  },
  // channelsFirst: [C, H, W] = [1, 5, 5] → [2, 3, 3]; 9·1·2 + 2 = 20; 9 × 18 = 162.
  {
    name: 'Conv2D channelsFirst',
    l: layer(
      'Conv2D',
      { filters: 2, kernelSize: 3, dataFormat: 'channelsFirst' },
      [null, 1, 5, 5],
      [null, 2, 3, 3],
    ),
    params: 20,
    macs: 162,
  },
  // Transposed: each of the 2×2 = 4 input positions scatters through the 3×3 kernel, 2 in × 1 out:
  // 4 · 9 · 2 · 1 = 72; params 9·2·1 + 1 = 19.
  {
    name: 'Conv2DTranspose 2×2×2 → 4×4×1',
    l: layer(
      'Conv2DTranspose',
      { filters: 1, kernelSize: 3, strides: 2, padding: 'same' },
      [null, 2, 2, 2],
      [null, 4, 4, 1],
    ),
    params: 19,
    macs: 72,
  },
  // Depthwise 3×3 on 3 channels, multiplier 2: 9·3·2 + 6 = 60; output 2×2 × 54 = 216.
  {
    name: 'DepthwiseConv2D',
    l: layer('DepthwiseConv2D', { kernelSize: 3, depthMultiplier: 2 }, [null, 4, 4, 3], [null, 2, 2, 6]),
    params: 60,
    macs: 216,
  },
  // Separable: depthwise 9·2 = 18, pointwise 2·4 = 8, bias 4 → 30; 2×2 positions × 2 × (9 + 4) = 104.
  {
    name: 'SeparableConv2D',
    l: layer('SeparableConv2D', { filters: 4, kernelSize: 3 }, [null, 4, 4, 2], [null, 2, 2, 4]),
    params: 30,
    macs: 104,
  },
  // 3 gates × (4·2 + 2·2) + 3·2 biases = 42; per step 3 × 12 = 36, × 5 steps = 180.
  {
    name: 'GRU 2 units, 5 steps of 4',
    l: layer('GRU', { units: 2 }, [null, 5, 4], [null, 2]),
    params: 42,
    macs: 180,
  },
  // 4 gates: 4 × (3·2 + 2·2) + 8 = 48; 4 × 10 × 7 steps = 280.
  {
    name: 'LSTM 2 units, 7 steps of 3',
    l: layer('LSTM', { units: 2 }, [null, 7, 3], [null, 2]),
    params: 48,
    macs: 280,
  },
  // 1 × (3·2 + 4) + 2 = 12; 10 × 4 steps = 40.
  { name: 'SimpleRNN', l: layer('SimpleRNN', { units: 2 }, [null, 4, 3], [null, 2]), params: 12, macs: 40 },
  {
    name: 'GRU, unknown length',
    l: layer('GRU', { units: 2 }, [null, null, 4], [null, 2]),
    params: 42,
    macs: undefined,
  },
  // 4 per channel (γ, β, moving mean, moving variance); one multiply-add per element: 2·2·3 = 12.
  {
    name: 'BatchNormalization',
    l: layer('BatchNormalization', {}, [null, 2, 2, 3], [null, 2, 2, 3]),
    params: 12,
    macs: 12,
  },
  {
    name: 'Embedding',
    l: layer('Embedding', { inputDim: 10, outputDim: 4 }, [null, 6], [null, 6, 4]),
    params: 40,
    macs: 0,
  },
  {
    name: 'MaxPooling2D',
    l: layer('MaxPooling2D', {}, [null, 4, 4, 3], [null, 2, 2, 3]),
    params: 0,
    macs: 0,
  },
  { name: 'Flatten', l: layer('Flatten', {}, [null, 2, 2], [null, 4]), params: 0, macs: 0 },
  { name: 'unknown layer', l: layer('Attention', {}, [null, 4], [null, 4]), params: 0, macs: undefined },
];

describe('countLayer: parameters and MACs against hand-computed values', () => {
  it.each(cases)('$name', ({ l, params, macs }) => {
    expect(countLayer(l)).toEqual({ params, macs });
  });
});

describe('costTable', () => {
  it('totals, lists every layer in model order with its share and size; unknown layers are listed', () => {
    const t = costTable([
      layer('Flatten', {}, [null, 2, 2], [null, 4]),
      layer('Dense', { units: 3 }, [null, 4], [null, 3]), // 15 params, 12 MACs
      layer('Dense', { units: 12 }, [null, 3], [null, 12]), // 48 params, 36 MACs
      layer('Attention', {}, [null, 12], [null, 12]),
    ]);
    expect(t.params).toBe(63);
    expect(t.macs).toBe(48);
    expect(t.layers.map((l) => [l.type, l.macs, l.share, l.units])).toEqual([
      ['Flatten', 0, 0, '4'],
      ['Dense', 12, 0.25, '3'],
      ['Dense', 36, 0.75, '12'],
      ['Attention', 0, 0, '12'],
    ]);
    expect(t.uncounted).toEqual(['attention (Attention)']);
  });

  it(`past ${MAX_LAYERS} layers keeps those with the most MACs, in model order`, () => {
    // Dense layers of 1…70 units on 1 input: layer k costs k MACs; the 6 smallest go.
    const t = costTable(
      Array.from({ length: 70 }, (_, k) => ({
        ...layer('Dense', { units: k + 1 }, [null, 1], [null, k + 1]),
        name: `d${k + 1}`,
      })),
    );
    expect(t.layers).toHaveLength(MAX_LAYERS);
    expect(t.layers.map((l) => l.name)).toEqual(Array.from({ length: 64 }, (_, k) => `d${k + 7}`));
    expect(t.macs).toBe((70 * 71) / 2);
  });
});

describe("layerUnits: a layer's size in a few characters", () => {
  it.each([
    ['Dense: units', layer('Dense', { units: 512 }, [null, 128], [null, 512]), '512'],
    ['LSTM: units', layer('LSTM', { units: 64 }, [null, 28, 28], [null, 64]), '64'],
    ['GRU: units', layer('GRU', { units: 128 }, [null, 28, 28], [null, 28, 128]), '128'],
    ['SimpleRNN: units', layer('SimpleRNN', { units: 8 }, [null, 5, 4], [null, 8]), '8'],
    [
      'Conv2D: filters and kernel',
      layer('Conv2D', { filters: 32, kernelSize: [3, 3] }, [null, 28, 28, 1], [null, 26, 26, 32]),
      '32 3×3',
    ],
    [
      'Conv2D: a single kernel size',
      layer('Conv2D', { filters: 8, kernelSize: 5 }, [null, 28, 28, 1], [null, 24, 24, 8]),
      '8 5×5',
    ],
    [
      'Conv2DTranspose',
      layer('Conv2DTranspose', { filters: 16, kernelSize: [4, 4] }, [null, 7, 7, 32], [null, 14, 14, 16]),
      '16 4×4',
    ],
    [
      'MaxPooling2D: the output shape',
      layer('MaxPooling2D', {}, [null, 26, 26, 32], [null, 13, 13, 32]),
      '13×13×32',
    ],
    ['Flatten', layer('Flatten', {}, [null, 13, 13, 32], [null, 5408]), '5408'],
    ['an unknown dimension', layer('Reshape', {}, [null, 4], [null, null, 2]), '?×2'],
    ['nothing to say', layer('Weird', {}, [null], [null]), undefined],
  ])('%s', (_, l, units) => {
    expect(layerUnits(l)).toBe(units);
  });
});
