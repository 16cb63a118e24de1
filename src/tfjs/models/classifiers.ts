import * as tf from '../tf.js';

/**
 * The report's three classifiers, at its shapes: an MLP with 10 hidden layers, a CNN with 3 convolution
 * layers and a dense head, a 2-layer GRU of 128 units reading the image row by row. All take
 * [rows, cols, 1] images and end in a softmax over `classes`. Every initialiser is seeded (`seed()` gives
 * each layer its own stream), so a seed fixes the initial weights.
 */

export interface ClassifierShape {
  input: number[];
  classes: number;
  seed: () => number;
}

const he = (seed: () => number) => tf.initializers.heNormal({ seed: seed() });
const glorot = (seed: () => number) => tf.initializers.glorotUniform({ seed: seed() });

function head(s: ClassifierShape) {
  return tf.layers.dense({
    name: 'output',
    units: s.classes,
    activation: 'softmax',
    kernelInitializer: glorot(s.seed),
  });
}

export const MLP_HIDDEN = { layers: 10, units: 128 };

export function buildMlp(s: ClassifierShape): tf.Sequential {
  const m = tf.sequential({ name: 'mlp' });
  m.add(tf.layers.flatten({ name: 'flatten', inputShape: s.input }));
  for (let i = 1; i <= MLP_HIDDEN.layers; i++) {
    // He initialisation: ten ReLU layers deep, Glorot's smaller weights would fade the signal.
    m.add(
      tf.layers.dense({
        name: `hidden${i}`,
        units: MLP_HIDDEN.units,
        activation: 'relu',
        kernelInitializer: he(s.seed),
      }),
    );
  }
  m.add(head(s));
  return m;
}

export function buildCnn(s: ClassifierShape): tf.Sequential {
  const m = tf.sequential({ name: 'cnn' });
  const conv = (name: string, filters: number, first: boolean) =>
    tf.layers.conv2d({
      name,
      filters,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: he(s.seed),
      ...(first ? { inputShape: s.input } : {}),
    });
  m.add(conv('conv1', 16, true));
  m.add(tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }));
  m.add(conv('conv2', 32, false));
  m.add(tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2 }));
  m.add(conv('conv3', 32, false));
  m.add(tf.layers.flatten({ name: 'flatten' }));
  m.add(tf.layers.dense({ name: 'dense', units: 64, activation: 'relu', kernelInitializer: he(s.seed) }));
  m.add(head(s));
  return m;
}

export const GRU_UNITS = 128;

export function buildGru(s: ClassifierShape): tf.Sequential {
  const [rows, cols, channels] = [s.input[0] ?? 0, s.input[1] ?? 1, s.input[2] ?? 1];
  const m = tf.sequential({ name: 'gru' });
  // Each image row is one time step of cols × channels features.
  m.add(tf.layers.reshape({ name: 'rows', targetShape: [rows, cols * channels], inputShape: s.input }));
  const gru = (name: string, returnSequences: boolean) =>
    tf.layers.gru({
      name,
      units: GRU_UNITS,
      returnSequences,
      kernelInitializer: glorot(s.seed),
      // Glorot rather than Keras's orthogonal default: TF.js computes orthogonal weights by a slow
      // JavaScript QR and warns about it at this size; the choice changes little after training.
      recurrentInitializer: glorot(s.seed),
    });
  m.add(gru('gru1', true));
  m.add(gru('gru2', false));
  m.add(head(s));
  return m;
}
