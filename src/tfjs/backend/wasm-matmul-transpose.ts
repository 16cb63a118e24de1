import * as tf from '../tf.js';

type Info = tf.TensorInfo;
type KernelArgs = {
  inputs: Record<string, Info | undefined>;
  backend: unknown;
  attrs: Record<string, unknown>;
};
type Kernel = (args: KernelArgs) => Info;

const WRAPPED = Symbol('carbon-gate transposes first');

/**
 * tfjs-backend-wasm 4.x multiplies transposed operands (transposeA/transposeB) by a slow path, 4-10×
 * slower than transposing first and multiplying plainly (measured on 64×128 by 128×384 and 64×784 by
 * 784×128: 7-12 ms against 1-2 ms). Every dense and recurrent layer's backward pass multiplies transposed
 * operands, so wasm training spends most of its time there. These wrappers transpose first. The sums run
 * in another order, so results agree with the slow path to float rounding, not bit for bit (the tests
 * compare both with the cpu backend).
 */
export function registerWasmTransposedMatMul(): void {
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    const original = tf.getKernel(name, 'wasm') as (tf.KernelConfig & { [WRAPPED]?: true }) | undefined;
    if (!original || original[WRAPPED]) continue;
    const inner = original.kernelFunc as unknown as Kernel;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({
      ...original,
      kernelFunc: ((args: KernelArgs) => transposeFirst(args, inner)) as unknown as tf.KernelFunc,
      [WRAPPED]: true,
    } as tf.KernelConfig);
  }
}

function transposeFirst(args: KernelArgs, inner: Kernel): Info {
  const { inputs, backend, attrs } = args;
  if (!attrs['transposeA'] && !attrs['transposeB']) return inner(args);
  const transpose = tf.getKernel('Transpose', 'wasm')?.kernelFunc as unknown as Kernel;
  const temps: Info[] = [];
  const flip = (x: Info) => {
    const perm = x.shape.map((_, i) => i);
    const r = perm.length;
    [perm[r - 2], perm[r - 1]] = [r - 1, r - 2];
    const out = transpose({ inputs: { x }, backend, attrs: { perm } });
    temps.push(out);
    return out;
  };
  const a = attrs['transposeA'] ? flip(inputs['a'] as Info) : inputs['a'];
  const b = attrs['transposeB'] ? flip(inputs['b'] as Info) : inputs['b'];
  const out = inner({
    inputs: { ...inputs, a, b },
    backend,
    attrs: { ...attrs, transposeA: false, transposeB: false },
  });
  const wasm = backend as { disposeData(id: tf.DataId): void };
  for (const t of temps) wasm.disposeData(t.dataId);
  return out;
}
