import { costTable } from '../cost/cost-table.js';
import { describeLayers } from '../cost/describe-model.js';
import { featureCount, type Dataset } from '../data/dataset.js';
import { permutation } from '../data/prng.js';
import { buildDiscriminator, buildGenerator, NOISE_DIM } from '../models/dcgan.js';
import { fixed } from '../../text/format-number.js';
import * as tf from '../tf.js';
import { matMulT, round } from './tensors.js';
import { BenchmarkInputError, type TaskContext, type TaskResult } from './types.js';

const GENERATED = 100;
/** Adam as in the DCGAN paper (β1 = 0.5), at a higher rate: a CI-sized run has few steps. */
const rate = 0.001;

/**
 * Trains the DCGAN `epochs` times over the training digits (a discriminator step on a real and a fake
 * batch, then a generator step). Quality: the leave-one-out 1-nearest-neighbour accuracy of telling 100
 * generated digits from 100 held-out real ones (Lopez-Paz & Oquab 2017; recommended for GANs by Xu et
 * al. 2018): 0.5 means indistinguishable, 1.0 trivially told apart. Unlike a distance to the nearest
 * real digit it is not fooled by blurry averages, and it needs no Inception network, which CI-sized
 * TF.js cannot afford.
 */
export async function trainDcgan(ctx: TaskContext): Promise<TaskResult> {
  const { train, test, args } = ctx;
  if (train.shape.join() !== '28,28,1')
    throw new BenchmarkInputError(`dcgan needs 28 × 28 × 1 images, the data has [${train.shape.join(', ')}]`);
  const g = buildGenerator(ctx.seed);
  const d = buildDiscriminator(ctx.seed);
  const [gOpt, dOpt] = [tf.train.adam(rate, 0.5), tf.train.adam(rate, 0.5)];
  const vars = (m: tf.LayersModel) => m.trainableWeights.map((w) => w.read() as tf.Variable);
  const real = tf.tensor4d(train.x, [train.n, 28, 28, 1]);
  const bce = (logits: tf.Tensor, label: number) =>
    tf.losses.sigmoidCrossEntropy(tf.fill(logits.shape, label), logits);
  let gLoss = NaN;
  let dLoss = NaN;
  for (let epoch = 1; epoch <= args.epochs; epoch++) {
    const order = permutation(train.n, ctx.seed());
    for (let start = 0; start + args.batchSize <= train.n; start += args.batchSize) {
      const idx = tf.tensor1d(order.subarray(start, start + args.batchSize), 'int32');
      const batch = tf.gather(real, idx);
      const noise = () => tf.randomNormal([args.batchSize, NOISE_DIM], 0, 1, 'float32', ctx.seed());
      const dl = dOpt.minimize(
        () =>
          tf.add(
            bce(d.apply(batch) as tf.Tensor, 1),
            bce(d.apply(g.apply(noise())) as tf.Tensor, 0),
          ) as tf.Scalar,
        true,
        vars(d),
      );
      const gl = gOpt.minimize(
        () => bce(d.apply(g.apply(noise())) as tf.Tensor, 1) as tf.Scalar,
        true,
        vars(g),
      );
      [dLoss, gLoss] = [(await dl?.data())?.[0] ?? NaN, (await gl?.data())?.[0] ?? NaN];
      tf.dispose([idx, batch, ...[dl, gl].filter((t): t is tf.Scalar => t !== null)]);
    }
    ctx.log(
      `epoch ${epoch}/${args.epochs}: discriminator loss ${fixed(dLoss, 4)}, generator loss ${fixed(gLoss, 4)}`,
    );
  }
  const fake = tf.tidy(
    () => g.predict(tf.randomNormal([GENERATED, NOISE_DIM], 0, 1, 'float32', ctx.seed())) as tf.Tensor,
  );
  const oneNn = oneNnAccuracy(fake, test);
  tf.dispose([real, fake]);
  const cost = costTable([...describeLayers(g), ...describeLayers(d)]);
  const metrics = {
    oneNnAccuracy: round(oneNn),
    generatorLoss: round(gLoss),
    discriminatorLoss: round(dLoss),
    epochs: args.epochs,
    trainSamples: train.n,
    generated: GENERATED,
  };
  return { metrics, cost };
}

/** Leave-one-out 1-NN accuracy on `fake` (label 0) plus as many held-out real digits (label 1). */
function oneNnAccuracy(fake: tf.Tensor, test: Dataset): number {
  const f = featureCount(test);
  const n = Math.min(fake.shape[0] as number, test.n);
  const nearest = tf.tidy(() => {
    const all = tf.concat([
      tf.reshape(tf.slice(fake, 0, n), [n, f]),
      tf.tensor2d(test.x.subarray(0, n * f), [n, f]),
    ]);
    const sq = tf.sum(tf.square(all), 1);
    const d = tf.add(tf.sub(tf.expandDims(sq, 1), tf.mul(2, matMulT(all, all))), sq);
    // Leave one out: an example is not its own neighbour.
    const self = tf.mul(tf.eye(2 * n), 1e9);
    return tf.argMin(tf.add(d, self), 1);
  });
  const idx = nearest.dataSync();
  nearest.dispose();
  let right = 0;
  for (let i = 0; i < 2 * n; i++) if (i < n === (idx[i] as number) < n) right++;
  return right / (2 * n);
}
