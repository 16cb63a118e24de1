import * as tf from '../tf.js';

/**
 * A small DCGAN for 28 × 28 digits (Radford et al. 2016's recipe without batch normalisation, to stay
 * cheap on a CPU): the generator upsamples noise with two stride-2 transposed convolutions, the
 * discriminator downsamples with two stride-2 convolutions and outputs a logit. Seeded initialisers.
 */
export const NOISE_DIM = 32;

export function buildGenerator(seed: () => number): tf.Sequential {
  const init = () => tf.initializers.glorotUniform({ seed: seed() });
  const g = tf.sequential({ name: 'generator' });
  g.add(
    tf.layers.dense({
      name: 'g_project',
      inputShape: [NOISE_DIM],
      units: 7 * 7 * 32,
      activation: 'relu',
      kernelInitializer: init(),
    }),
  );
  g.add(tf.layers.reshape({ name: 'g_reshape', targetShape: [7, 7, 32] }));
  g.add(
    tf.layers.conv2dTranspose({
      name: 'g_up1',
      filters: 16,
      kernelSize: 4,
      strides: 2,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(),
    }),
  );
  // Sigmoid: the digits' pixels are 0-1.
  g.add(
    tf.layers.conv2dTranspose({
      name: 'g_up2',
      filters: 1,
      kernelSize: 4,
      strides: 2,
      padding: 'same',
      activation: 'sigmoid',
      kernelInitializer: init(),
    }),
  );
  return g;
}

export function buildDiscriminator(seed: () => number): tf.Sequential {
  const init = () => tf.initializers.glorotUniform({ seed: seed() });
  const d = tf.sequential({ name: 'discriminator' });
  d.add(
    tf.layers.conv2d({
      name: 'd_down1',
      inputShape: [28, 28, 1],
      filters: 16,
      kernelSize: 4,
      strides: 2,
      padding: 'same',
      kernelInitializer: init(),
    }),
  );
  d.add(tf.layers.leakyReLU({ name: 'd_act1', alpha: 0.2 }));
  d.add(
    tf.layers.conv2d({
      name: 'd_down2',
      filters: 32,
      kernelSize: 4,
      strides: 2,
      padding: 'same',
      kernelInitializer: init(),
    }),
  );
  d.add(tf.layers.leakyReLU({ name: 'd_act2', alpha: 0.2 }));
  d.add(tf.layers.flatten({ name: 'd_flatten' }));
  d.add(tf.layers.dense({ name: 'd_logit', units: 1, kernelInitializer: init() }));
  return d;
}
