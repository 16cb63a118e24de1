import { costTable } from '../cost/cost-table.js';
import { describeLayers } from '../cost/describe-model.js';
import { featureCount, type Dataset } from '../data/dataset.js';
import { permutation } from '../data/prng.js';
import { buildDiscriminator, buildGenerator, NOISE_DIM } from '../models/dcgan.js';
import * as tf from '../tf.js';
import { round } from './tensors.js';
import { BenchmarkInputError, type TaskContext, type TaskResult } from './types.js';

const GENERATED = 100;
/** Adam as in the DCGAN paper (β1 = 0.5), at a higher rate: a CI-sized run has few steps. */
const rate = 0.001;

/**
 * Trains the DCGAN `epochs` times over the training digits (a discriminator step on a real and a fake
 * batch, then a generator step). Quality: the mean squared distance from each of 100 generated digits
 * to its nearest held-out digit (lower is better), beside the same distance for real training digits
 * (`nnMseReal`, what a perfect generator would score) — a crude realism score that needs no Inception
 * network, which CI-sized TF.js cannot afford.
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
      `epoch ${epoch}/${args.epochs}: discriminator loss ${dLoss.toFixed(4)}, generator loss ${gLoss.toFixed(4)}`,
    );
  }
  const fake = tf.tidy(
    () => g.predict(tf.randomNormal([GENERATED, NOISE_DIM], 0, 1, 'float32', ctx.seed())) as tf.Tensor,
  );
  const nnMse = nearestMse(fake, test);
  const nnMseReal = nearestMse(tf.slice(real, 0, Math.min(GENERATED, train.n)), test);
  tf.dispose([real, fake]);
  const cost = costTable([...describeLayers(g), ...describeLayers(d)]);
  const metrics = {
    nnMse: round(nnMse),
    nnMseReal: round(nnMseReal),
    generatorLoss: round(gLoss),
    discriminatorLoss: round(dLoss),
    epochs: args.epochs,
    trainSamples: train.n,
    generated: GENERATED,
  };
  return { metrics, cost };
}

/** Mean over `images` of the squared distance per pixel to the nearest example of `ref`. */
function nearestMse(images: tf.Tensor, ref: Dataset): number {
  return tf.tidy(() => {
    const f = featureCount(ref);
    const a = tf.reshape(images, [-1, f]);
    const b = tf.tensor2d(ref.x, [ref.n, f]);
    const d = tf.add(
      tf.sub(tf.sum(tf.square(a), 1, true), tf.mul(2, tf.matMul(a, b, false, true))),
      tf.sum(tf.square(b), 1),
    );
    return (tf.mean(tf.min(d, 1)).dataSync()[0] as number) / f;
  });
}
