import { z } from 'zod';
import { field, quotingHint } from './expectations.js';
import { closestMatch } from './suggest.js';

/**
 * `benchmarks[].tfjs`: a TF.js benchmark that carbon-gate runs itself (dist/tfjs-runner.js) instead of a
 * shell command. No transforms: the parsed value is also the runner's argument, re-validated there.
 */

export const TFJS_MODELS = ['mlp', 'cnn', 'gru', 'dcgan', 'knn', 'kmeans', 'fourier'] as const;
export const TFJS_TASKS = ['train', 'infer'] as const;
export const TFJS_BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax'] as const;
export const LOSSES = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
] as const;

export type TfjsModelName = (typeof TFJS_MODELS)[number];
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const didYouMean = (options: readonly string[]) => (found: unknown) => {
  const match = typeof found === 'string' ? closestMatch(found, options) : undefined;
  return match ? `did you mean "${match}"?` : quotingHint('number')(found);
};
const words = (options: readonly string[]) => options.map((o) => `"${o}"`).join(', ');
const isModelFile = (s: string) => /\.json$/i.test(s);
const isDataFile = (s: string) => /\.(json|csv)$/i.test(s);

const model = field(
  z.string().refine((s) => (TFJS_MODELS as readonly string[]).includes(s) || isModelFile(s)),
  'Built-in model (mlp, cnn, gru, dcgan, knn, kmeans, fourier) or a TF.js LayersModel model.json, relative to the config file.',
  {
    expected: `one of ${words(TFJS_MODELS)} or a path to a model.json`,
    hint: didYouMean(TFJS_MODELS),
  },
);

const compile = field(
  z.strictObject({
    optimizer: field(z.enum(OPTIMIZERS), 'Optimizer.', {
      expected: `one of ${words(OPTIMIZERS)}`,
      hint: didYouMean(OPTIMIZERS),
    }),
    loss: field(z.enum(LOSSES), 'Loss function.', {
      expected: `one of ${words(LOSSES)}`,
      hint: didYouMean(LOSSES),
    }),
    learningRate: field(z.number().positive().max(10), 'Learning rate (the optimizer default when absent).', {
      expected: 'a number > 0 and at most 10',
      hint: quotingHint('number'),
    }).optional(),
  }),
  'Training settings for a user model.json (required to train one).',
  { expected: 'a mapping with optimizer, loss and an optional learningRate' },
);

/** Tasks each built-in supports: knn and fourier have nothing to train, kmeans and dcgan only train. */
export const TASKS_OF: Record<TfjsModelName, readonly ('train' | 'infer')[]> = {
  mlp: ['train', 'infer'],
  cnn: ['train', 'infer'],
  gru: ['train', 'infer'],
  dcgan: ['train'],
  knn: ['infer'],
  kmeans: ['train'],
  fourier: ['infer'],
};
export const MNIST_DIGITS = 10_000;

export const TfjsSchema = field(
  z
    .strictObject({
      model,
      task: field(z.enum(TFJS_TASKS), 'train: fit, then score the held-out digits; infer: predict only.', {
        expected: 'one of "train" or "infer"',
        hint: didYouMean(TFJS_TASKS),
      }).default('train'),
      dataset: field(
        z.string().refine((s) => s === 'mnist' || isDataFile(s)),
        'mnist (10,000 real digits, shipped) or a .json/.csv data file, relative to the config file.',
        { expected: '"mnist" or a path to a .json or .csv file' },
      ).default('mnist'),
      samples: field(int(10, 1_000_000), 'Examples drawn (with the seed); testSplit of them are held out.', {
        expected: 'a whole number from 10 to 1000000',
        hint: quotingHint('number'),
      }).default(3000),
      testSplit: field(z.number().min(0.05).max(0.5), 'Share of the samples held out to score accuracy.', {
        expected: 'a number from 0.05 to 0.5',
        hint: quotingHint('number'),
      }).default(0.2),
      epochs: field(int(1, 1000), 'Training epochs (kmeans: Lloyd iterations).', {
        expected: 'a whole number from 1 to 1000',
        hint: quotingHint('number'),
      }).default(1),
      batchSize: field(int(1, 8192), 'Examples per batch.', {
        expected: 'a whole number from 1 to 8192',
        hint: quotingHint('number'),
      }).default(64),
      seed: field(int(0, 2 ** 32 - 1), 'Seed of the sample draw, the split and the initial weights.', {
        expected: 'a whole number from 0 to 4294967295',
        hint: quotingHint('number'),
      }).default(42),
      backend: field(
        z.enum(TFJS_BACKENDS),
        'Pin the TF.js backend; unavailable is an error. Default: tensorflow (tfjs-node), else wasm, else cpu.',
        { expected: `one of ${words(TFJS_BACKENDS)}`, hint: didYouMean(TFJS_BACKENDS) },
      ).optional(),
      k: field(int(1, 100), 'knn: neighbours that vote.', {
        expected: 'a whole number from 1 to 100',
        hint: quotingHint('number'),
      }).default(3),
      clusters: field(int(2, 4096), 'kmeans: number of clusters.', {
        expected: 'a whole number from 2 to 4096',
        hint: quotingHint('number'),
      }).default(256),
      frequencies: field(int(1, 28), 'fourier: low frequencies kept per image axis.', {
        expected: 'a whole number from 1 to 28',
        hint: quotingHint('number'),
      }).default(8),
      compile: compile.optional(),
    })
    .superRefine(checkCombination),
  'A TF.js benchmark run by carbon-gate in a child process (instead of run).',
  { expected: 'a mapping with at least model' },
);

interface Combination {
  model: string;
  task: 'train' | 'infer';
  dataset: string;
  samples: number;
  compile?: unknown;
}

/** Checks between keys, each reported on the key to change. */
function checkCombination(t: Combination, ctx: z.RefinementCtx): void {
  const issue = (path: string, expected: string) =>
    ctx.addIssue({ code: 'custom', path: [path], message: expected, params: { expected } });
  const tasks = TASKS_OF[t.model as TfjsModelName];
  if (tasks && !tasks.includes(t.task)) issue('task', `${words(tasks)} for model ${t.model}`);
  if (!tasks && t.task === 'train' && !t.compile)
    issue('compile', 'compile settings (optimizer, loss) to train a model.json; or task: infer');
  if (t.dataset === 'mnist' && t.samples > MNIST_DIGITS)
    issue('samples', `at most ${MNIST_DIGITS} samples: mnist has ${MNIST_DIGITS} digits`);
}

export type TfjsConfig = z.output<typeof TfjsSchema>;
