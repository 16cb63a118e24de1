/**
 * Parameters and multiply-accumulates (MACs) per layer, per example, forward pass: the layer-wise
 * estimation García-Martín et al. (2019) build energy models on. FLOPs ≈ 2 × MACs. Counted: the
 * multiply-adds of weights with inputs (dense, convolution, recurrent gates) and batch normalisation's
 * one per element. Not counted: activations, pooling, reshapes, element-wise sums — comparisons and
 * additions that are small beside the layers above (the convention of the MAC-counting tools).
 */

type Dim = number | null;

/** What the counter needs to know of a layer: Keras class, config and shapes (batch first). */
export interface LayerShape {
  name: string;
  className: string;
  config: Record<string, unknown>;
  inputShape: Dim[];
  outputShape: Dim[];
}

export interface Counted {
  params: number;
  /** undefined: a layer class the counter does not know (or an unknown sequence length). */
  macs: number | undefined;
}

const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);
const pair = (v: unknown): [number, number] =>
  Array.isArray(v) ? [num(v[0], 1), num(v[1] ?? v[0], 1)] : [num(v, 1), num(v, 1)];
/** Product of the known dimensions after the batch; undefined if one is unknown. */
function size(shape: Dim[]): number | undefined {
  const dims = shape.slice(1);
  return dims.every((d): d is number => typeof d === 'number') ? dims.reduce((a, b) => a * b, 1) : undefined;
}
const last = (shape: Dim[]) => num(shape[shape.length - 1], 0);
const bias = (config: Record<string, unknown>, n: number) => (config['useBias'] === false ? 0 : n);

/** Spatial output positions and input channels of a channels-last (or channels-first) 2-D layer. */
function conv2dGeometry(l: LayerShape) {
  const first = l.config['dataFormat'] === 'channelsFirst';
  const [, a, b, c] = l.inputShape;
  const [, oa, ob, oc] = l.outputShape;
  const inC = num(first ? a : c, 0);
  const outPositions = first ? num(ob, 0) * num(oc, 0) : num(oa, 0) * num(ob, 0);
  const inPositions = first ? num(b, 0) * num(c, 0) : num(a, 0) * num(b, 0);
  return { inC, outPositions, inPositions };
}

function recurrent(l: LayerShape, gates: number): Counted {
  const units = num(l.config['units'], 0);
  const inF = last(l.inputShape);
  const steps = l.inputShape[1];
  const params = gates * (inF * units + units * units) + bias(l.config, gates * units);
  // Every time step multiplies the input and the previous state by each gate's weights.
  return {
    params,
    macs: typeof steps === 'number' ? steps * gates * (inF * units + units * units) : undefined,
  };
}

export function countLayer(l: LayerShape): Counted {
  const c = l.config;
  switch (l.className) {
    case 'Dense': {
      const units = num(c['units'], 0);
      const inF = last(l.inputShape);
      // Applied to the last axis: a dense layer on [T, F] runs once per step.
      const rows = (size(l.inputShape) ?? 0) / (inF || 1);
      return { params: inF * units + bias(c, units), macs: rows * inF * units };
    }
    case 'Conv2D': {
      const [kh, kw] = pair(c['kernelSize']);
      const filters = num(c['filters'], 0);
      const { inC, outPositions } = conv2dGeometry(l);
      return {
        params: kh * kw * inC * filters + bias(c, filters),
        macs: outPositions * kh * kw * inC * filters,
      };
    }
    case 'Conv2DTranspose': {
      const [kh, kw] = pair(c['kernelSize']);
      const filters = num(c['filters'], 0);
      const { inC, inPositions } = conv2dGeometry(l);
      // Each input position scatters its channels through the whole kernel.
      return {
        params: kh * kw * inC * filters + bias(c, filters),
        macs: inPositions * kh * kw * inC * filters,
      };
    }
    case 'DepthwiseConv2D': {
      const [kh, kw] = pair(c['kernelSize']);
      const mult = num(c['depthMultiplier'], 1);
      const { inC, outPositions } = conv2dGeometry(l);
      return {
        params: kh * kw * inC * mult + bias(c, inC * mult),
        macs: outPositions * kh * kw * inC * mult,
      };
    }
    case 'SeparableConv2D': {
      const [kh, kw] = pair(c['kernelSize']);
      const mult = num(c['depthMultiplier'], 1);
      const filters = num(c['filters'], 0);
      const { inC, outPositions } = conv2dGeometry(l);
      const params = kh * kw * inC * mult + inC * mult * filters + bias(c, filters);
      return { params, macs: outPositions * inC * mult * (kh * kw + filters) };
    }
    case 'SimpleRNN':
      return recurrent(l, 1);
    case 'GRU':
      return recurrent(l, 3);
    case 'LSTM':
      return recurrent(l, 4);
    case 'BatchNormalization': {
      // gamma, beta, moving mean and variance; at inference one multiply-add per element.
      const axisSize = last(l.inputShape);
      return { params: 4 * axisSize, macs: size(l.inputShape) };
    }
    case 'Embedding':
      // A table look-up: no arithmetic.
      return { params: num(c['inputDim'], 0) * num(c['outputDim'], 0), macs: 0 };
    case 'InputLayer':
    case 'Flatten':
    case 'Reshape':
    case 'Dropout':
    case 'Activation':
    case 'ReLU':
    case 'LeakyReLU':
    case 'Softmax':
    case 'MaxPooling2D':
    case 'AveragePooling2D':
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
    case 'UpSampling2D':
    case 'ZeroPadding2D':
    case 'Cropping2D':
    case 'Permute':
    case 'RepeatVector':
    case 'Add':
    case 'Concatenate':
      return { params: 0, macs: 0 };
    default:
      return { params: 0, macs: undefined };
  }
}
