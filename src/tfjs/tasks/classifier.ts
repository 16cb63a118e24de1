import { costTable } from '../cost/cost-table.js';
import { describeLayers } from '../cost/describe-model.js';
import type { Dataset } from '../data/dataset.js';
import { fixed } from '../../text/format-number.js';
import * as tf from '../tf.js';
import { accuracyOf, inputs, round, targets } from './tensors.js';
import { BenchmarkInputError, type Metrics, type TaskContext, type TaskResult } from './types.js';

const EVAL_BATCH = 256;

export interface Compiled {
  optimizer: tf.Optimizer;
  loss: string;
}

/** Fits on the training split (no shuffling: the draw is already seeded-random), then scores the held-out one. */
export async function trainModel(
  model: tf.LayersModel,
  compiled: Compiled,
  ctx: TaskContext,
): Promise<TaskResult> {
  const { args, train, test } = ctx;
  const classify = train.classes !== undefined;
  const oneHot = compiled.loss === 'categoricalCrossentropy';
  model.compile({
    optimizer: compiled.optimizer,
    loss: compiled.loss,
    metrics: classify ? ['accuracy'] : [],
  });
  const [xs, ys] = [inputs(train), targets(train, oneHot)];
  checkShapes(model, train);
  if (ctx.warmUp) await warmUp(model, xs, args.batchSize);
  await ctx.window(() =>
    model.fit(xs, ys, {
      epochs: args.epochs,
      batchSize: args.batchSize,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onEpochEnd: async (epoch, logs) =>
          ctx.log(`epoch ${epoch + 1}/${args.epochs}: training loss ${fixed(logs?.['loss'] ?? NaN, 4)}`),
      },
    }),
  );
  tf.dispose([xs, ys]);
  const metrics: Metrics = {
    ...(await score(model, test, oneHot)),
    epochs: args.epochs,
    trainSamples: train.n,
  };
  return { metrics, cost: costTable(describeLayers(model)) };
}

/** One forward pass on one batch before the window (weights untouched): the variance study's warm-up variant. */
async function warmUp(model: tf.LayersModel, xs: tf.Tensor, batchSize: number): Promise<void> {
  const batch = tf.slice(xs, 0, Math.min(batchSize, xs.shape[0]!));
  const out = model.predict(batch) as tf.Tensor;
  await out.data();
  tf.dispose([batch, out]);
}

/** Predicts every drawn example; scored when the data has labels (meaningful for trained user models). */
export async function inferModel(
  model: tf.LayersModel,
  all: Dataset,
  window: TaskContext['window'],
): Promise<TaskResult> {
  checkShapes(model, all);
  const xs = inputs(all);
  const scores = await window(async () => {
    const s = model.predict(xs, { batchSize: EVAL_BATCH }) as tf.Tensor;
    await s.data();
    return s;
  });
  const metrics: Metrics = { inferences: all.n };
  if (all.classes !== undefined && scores.shape[scores.shape.length - 1] === all.classes) {
    metrics['accuracy'] = round(accuracyOf(scores, all));
  }
  tf.dispose([xs, scores]);
  return { metrics, cost: costTable(describeLayers(model)) };
}

async function score(model: tf.LayersModel, test: Dataset, oneHot: boolean): Promise<Metrics> {
  const [xt, yt] = [inputs(test), targets(test, oneHot)];
  const result = model.evaluate(xt, yt, { batchSize: EVAL_BATCH });
  const [loss, accuracy] = await Promise.all(
    (Array.isArray(result) ? result : [result]).map((t) => t.data()),
  );
  tf.dispose([xt, yt, result as tf.Tensor | tf.Tensor[]]);
  const out: Metrics = { loss: round(loss?.[0] ?? NaN), testSamples: test.n };
  if (accuracy) out['accuracy'] = round(accuracy[0] ?? NaN);
  return out;
}

function checkShapes(model: tf.LayersModel, d: Dataset): void {
  const want = model.inputs[0]?.shape.slice(1) ?? [];
  const fits = want.length === d.shape.length && want.every((w, i) => w === null || w === d.shape[i]);
  if (!fits) {
    throw new BenchmarkInputError(
      `the model takes examples of shape [${want.join(', ')}], the data has [${d.shape.join(', ')}]`,
    );
  }
}
