import * as tf from '../tf.js';

type Info = tf.TensorInfo;
type KernelArgs = { inputs: Record<string, Info>; backend: unknown; attrs: Record<string, unknown> };
type Kernel = (args: KernelArgs) => Info;

/**
 * tfjs-backend-wasm 4.x has Conv2D's forward pass and input gradient but not its filter gradient
 * (Conv2DBackpropFilter), so no convolutional model trains on wasm. (Its Conv3DBackpropFilterV2 is wrong
 * for strides > 1, so it cannot stand in.) This kernel computes the filter gradient as a forward
 * convolution, the standard identity: with the batch and channel axes swapped, the padded input is
 * convolved with the output gradient dilated by the stride,
 *   dW[i, j, c, f] = Σ_{b, p, q} x[b, p·s + i, q·s + j, c] · dy[b, p, q, f],
 * which runs on the wasm backend's fast (XNNPACK) Conv2D. NHWC only, as Keras layers use.
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

function conv2dFilterGrad({ inputs, backend, attrs }: KernelArgs): Info {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as {
    strides: number | [number, number];
    pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
  };
  if (dataFormat !== 'NHWC')
    throw new Error('Conv2DBackpropFilter on wasm supports NHWC only; use backend: cpu');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const [kh, kw, inC, outC] = filterShape;
  const { top, bottom, left, right } = info.padInfo;
  const temps: Info[] = [];
  const keep = (t: Info) => (temps.push(t), t);
  const run = (name: string, ins: Record<string, Info>, at: Record<string, unknown>) =>
    keep(kernel(name)({ inputs: ins, backend, attrs: at }));

  const padded =
    top || bottom || left || right
      ? run(
          'PadV2',
          { x },
          {
            paddings: [
              [0, 0],
              [top, bottom],
              [left, right],
              [0, 0],
            ],
            constantValue: 0,
          },
        )
      : x;
  // Batch ↔ channels: the input becomes C images of B channels, dy a filter of B → F channels.
  const xT = run('Transpose', { x: padded }, { perm: [3, 1, 2, 0] });
  const dyT = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  const full = run(
    'Conv2D',
    { x: xT, filter: dyT },
    { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth] },
  );
  // 'valid' padding can leave rows the stride never reached: they are past the kernel and dropped.
  const cut = run('Slice', { x: full }, { begin: [0, 0, 0, 0], size: [inC, kh, kw, outC] });
  const dw = kernel('Transpose')({ inputs: { x: cut }, backend, attrs: { perm: [1, 2, 0, 3] } });
  const wasm = backend as { disposeData(id: tf.DataId): void };
  for (const t of temps) wasm.disposeData(t.dataId);
  return dw;
}
