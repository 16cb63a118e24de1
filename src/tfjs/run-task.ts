import type { TfjsModelName } from '../config/tfjs-schema.js';
import type { Dataset } from './data/dataset.js';
import { buildCnn, buildGru, buildMlp } from './models/classifiers.js';
import { inferModel, trainModel } from './tasks/classifier.js';
import { trainDcgan } from './tasks/dcgan.js';
import { fourierReconstruct } from './tasks/fourier.js';
import { trainKmeans } from './tasks/kmeans.js';
import { knnClassify } from './tasks/knn.js';
import { BenchmarkInputError, type TaskContext, type TaskResult } from './tasks/types.js';
import * as tf from './tf.js';

const BUILDERS = { mlp: buildMlp, cnn: buildCnn, gru: buildGru };
/** Adam at Keras's default rate: what the report's classifiers train with. */
const BUILT_IN_LEARNING_RATE = 0.001;

/** Runs a built-in benchmark on the split data (`all`: every drawn example, for inference). */
export async function runBuiltIn(name: TfjsModelName, ctx: TaskContext, all: Dataset): Promise<TaskResult> {
  // Tasks without a separate model build: the whole task is the window.
  if (name === 'knn') return ctx.window(() => knnClassify(ctx));
  if (name === 'kmeans') return ctx.window(() => trainKmeans(ctx));
  if (name === 'fourier') return ctx.window(() => fourierReconstruct(ctx));
  if (name === 'dcgan') return ctx.window(() => trainDcgan(ctx));
  if (ctx.train.classes === undefined)
    throw new BenchmarkInputError(`model ${name} needs class labels in the data`);
  const shape = ctx.train.shape;
  if (name !== 'mlp' && (shape.length !== 3 || shape[2] !== 1)) {
    throw new BenchmarkInputError(
      `model ${name} needs [rows, cols, 1] images, the data has [${shape.join(', ')}]`,
    );
  }
  const model = BUILDERS[name]({ input: shape, classes: ctx.train.classes, seed: ctx.seed });
  if (ctx.args.task === 'infer') return inferModel(model, all, ctx.window);
  return trainModel(
    model,
    { optimizer: tf.train.adam(BUILT_IN_LEARNING_RATE), loss: 'categoricalCrossentropy' },
    ctx,
  );
}

/** A user's model.json: inference, or training with the config's compile settings. */
export async function runUserModel(
  model: tf.LayersModel,
  ctx: TaskContext,
  all: Dataset,
): Promise<TaskResult> {
  const compile = ctx.args.compile;
  if (ctx.args.task === 'infer') return inferModel(model, all, ctx.window);
  if (!compile)
    throw new BenchmarkInputError('training a model.json needs compile settings (optimizer, loss)');
  const optimizer = makeOptimizer(compile.optimizer, compile.learningRate);
  return trainModel(model, { optimizer, loss: compile.loss }, ctx);
}

function makeOptimizer(name: string, rate: number | undefined): tf.Optimizer {
  const t = tf.train;
  switch (name) {
    case 'sgd':
      return t.sgd(rate ?? 0.01);
    case 'rmsprop':
      return t.rmsprop(rate ?? 0.001);
    case 'adagrad':
      return t.adagrad(rate ?? 0.01);
    case 'adadelta':
      return t.adadelta(rate ?? 1);
    case 'adamax':
      return t.adamax(rate ?? 0.002);
    default:
      return t.adam(rate ?? 0.001);
  }
}
