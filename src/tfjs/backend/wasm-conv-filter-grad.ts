import * as tf from '../tf.js';

type Info = tf.TensorInfo;
type Kernel = (args: {
  inputs: Record<string, Info>;
  backend: unknown;
  attrs: Record<string, unknown>;
}) => Info;

/**
 * tfjs-backend-wasm 4.x ships Conv2D's forward pass and input gradient but not its filter gradient
 * (Conv2DBackpropFilter), so training any convolutional model on wasm fails. The 3-D filter gradient is
 * there: a 2-D convolution is a 3-D one of depth 1, so this kernel reshapes its operands to depth 1,
 * runs the wasm Conv3DBackpropFilterV2 and drops the depth again. NHWC, 'same'/'valid' padding and no
 * dilation only — what Keras layers and the built-in models use; anything else names what is missing.
 */
export function registerWasmConv2DFilterGrad(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: conv2dFilterGrad as unknown as tf.KernelFunc,
  });
}

function kernel(name: string): Kernel {
  const k = tf.getKernel(name, 'wasm');
  if (!k) throw new Error(`wasm kernel ${name} is missing`);
  return k.kernelFunc as unknown as Kernel;
}

function conv2dFilterGrad({ inputs, backend, attrs }: Parameters<Kernel>[0]): Info {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as {
    strides: number | [number, number];
    pad: unknown;
    dataFormat: string;
    dimRoundingMode?: string;
    filterShape: [number, number, number, number];
  };
  if (dataFormat !== 'NHWC' || (pad !== 'same' && pad !== 'valid') || dimRoundingMode) {
    throw new Error(
      `Conv2DBackpropFilter on wasm supports NHWC with 'same' or 'valid' padding only (got ${dataFormat}, ${String(pad)}); use backend: cpu`,
    );
  }
  const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
  const reshape = kernel('Reshape');
  const depth1 = (t: Info) =>
    reshape({ inputs: { x: t }, backend, attrs: { shape: [t.shape[0], 1, ...t.shape.slice(1)] } });
  const x5 = depth1(x);
  const dy5 = depth1(dy);
  const dw5 = kernel('Conv3DBackpropFilterV2')({
    inputs: { x: x5, dy: dy5 },
    backend,
    attrs: { strides: [1, sh, sw], pad, filterShape: [1, ...filterShape] },
  });
  const dw = reshape({ inputs: { x: dw5 }, backend, attrs: { shape: filterShape } });
  // Reshape shares the data and counts a reference: dropping the temporaries frees nothing still in use.
  const wasm = backend as { disposeData(id: tf.DataId): void };
  for (const t of [x5, dy5, dw5]) wasm.disposeData(t.dataId);
  return dw;
}
