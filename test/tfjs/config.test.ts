import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfigText } from '../../src/config/validate.js';
import { specsFromConfig } from '../../src/runner/specs-from-config.js';
import { tfjsRunnerPath } from '../../src/tfjs/runner-path.js';

const FILE = 'carbon-gate.yml';
const config = (bench: Record<string, unknown>) =>
  stringify({ version: 1, benchmarks: [{ name: 'b', kind: 'training', ...bench }] });

function parse(bench: Record<string, unknown>) {
  const r = parseConfigText(config(bench), FILE);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

function errors(bench: Record<string, unknown>): string[] {
  const r = parseConfigText(config(bench), FILE);
  return r.ok ? [] : r.errors;
}

describe('benchmarks[].tfjs in the config', () => {
  it('the issue example parses, with the defaults filled in', () => {
    const c = parse({
      tfjs: {
        model: 'mlp',
        task: 'train',
        dataset: 'mnist',
        samples: 3000,
        epochs: 2,
        batchSize: 64,
        seed: 42,
      },
    });
    expect(c.benchmarks[0]!.tfjs).toEqual({
      model: 'mlp',
      task: 'train',
      dataset: 'mnist',
      samples: 3000,
      testSplit: 0.2,
      epochs: 2,
      batchSize: 64,
      seed: 42,
      k: 3,
      clusters: 256,
      frequencies: 8,
    });
  });

  it.each([
    {
      name: 'neither run nor tfjs',
      bench: {},
      line: 'benchmarks[0].run: expected a shell command in run, or a TF.js benchmark in tfjs (exactly one of them), found nothing',
    },
    {
      name: 'both',
      bench: { run: 'echo', tfjs: { model: 'mlp' } },
      line: 'benchmarks[0].tfjs: expected either run or tfjs, not both, found a mapping',
    },
    { name: 'model typo', bench: { tfjs: { model: 'mpl' } }, line: 'did you mean "mlp"?' },
    {
      name: 'knn cannot train',
      bench: { tfjs: { model: 'knn', task: 'train' } },
      line: 'benchmarks[0].tfjs.task: expected "infer" for model knn, found "train"',
    },
    {
      name: 'kmeans only trains',
      bench: { tfjs: { model: 'kmeans', task: 'infer' } },
      line: 'expected "train" for model kmeans',
    },
    {
      name: 'model.json training without compile',
      bench: { tfjs: { model: './m/model.json' } },
      line: 'benchmarks[0].tfjs.compile: expected compile settings (optimizer, loss) to train a model.json; or task: infer, found nothing',
    },
    {
      name: 'more digits than mnist has',
      bench: { tfjs: { model: 'mlp', samples: 20000 } },
      line: 'at most 10000 samples',
    },
    {
      name: 'pinned backend typo',
      bench: { tfjs: { model: 'mlp', backend: 'gpu' } },
      line: 'benchmarks[0].tfjs.backend: expected one of "tensorflow", "wasm", "cpu"',
    },
    {
      name: 'unknown key',
      bench: { tfjs: { model: 'mlp', epoch: 2 } },
      line: 'benchmarks[0].tfjs.epoch: unknown key; did you mean "epochs"?',
    },
    {
      name: 'a dataset that is not json or csv',
      bench: { tfjs: { model: 'mlp', dataset: 'digits.bin' } },
      line: 'expected "mnist" or a path to a .json or .csv file',
    },
    {
      name: 'bad optimizer',
      bench: { tfjs: { model: 'm.json', compile: { optimizer: 'adamw', loss: 'meanSquaredError' } } },
      line: 'did you mean "adam"?',
    },
  ])('$name: one clear line', ({ bench, line }) => {
    const errs = errors(bench);
    expect(
      errs.some((e) => e.includes(line)),
      errs.join('\n'),
    ).toBe(true);
  });
});

describe('specsFromConfig for tfjs benchmarks', () => {
  const opts = { tfjsRunner: '/pkg/dist/tfjs-runner.js', node: '/usr/bin/node' };

  it('builds the runner command with the arguments as one JSON word, and the functional unit', () => {
    const c = parse({ tfjs: { model: 'mlp', epochs: 2 } });
    const [spec] = specsFromConfig(c, '/repo', opts);
    expect(spec!.run).toBe(`/usr/bin/node /pkg/dist/tfjs-runner.js '${JSON.stringify(spec!.tfjs)}'`);
    expect(spec!.unit).toEqual({ name: 'epoch', count: 2 });
    expect(spec!.tfjs).toMatchObject({ model: 'mlp', epochs: 2 });
  });

  it.each([
    { tfjs: { model: 'knn', task: 'infer', samples: 1000 }, unit: { name: 'inference', count: 200 } },
    {
      tfjs: { model: 'fourier', task: 'infer', samples: 1000, testSplit: 0.1 },
      unit: { name: 'sample', count: 100 },
    },
    { tfjs: { model: 'cnn', task: 'infer', samples: 500 }, unit: { name: 'inference', count: 500 } },
    { tfjs: { model: 'kmeans', epochs: 20 }, unit: { name: 'epoch', count: 20 } },
    { tfjs: { model: 'm.json', task: 'infer', dataset: 'd.csv' }, unit: undefined },
  ])('unit of $tfjs.model $tfjs.task', ({ tfjs, unit }) => {
    expect(specsFromConfig(parse({ tfjs }), '/repo', opts)[0]!.unit).toEqual(unit);
  });

  it("the config's own unit wins", () => {
    const c = parse({ tfjs: { model: 'mlp' }, unit: { name: 'sample', count: 2400 } });
    expect(specsFromConfig(c, '/repo', opts)[0]!.unit).toEqual({ name: 'sample', count: 2400 });
  });

  it('model and data paths are resolved against the config directory; built-in names stay', () => {
    const c = parse({ tfjs: { model: 'models/model.json', task: 'infer', dataset: '../data/d.json' } });
    const spec = specsFromConfig(c, '/repo/bench', opts)[0]!;
    expect(spec.tfjs).toMatchObject({ model: '/repo/bench/models/model.json', dataset: '/repo/data/d.json' });
    expect(spec.run).toContain('"model":"/repo/bench/models/model.json"');
  });

  it('a quote in a path survives the shell', () => {
    const spec = specsFromConfig(
      parse({ tfjs: { model: "it's/model.json", task: 'infer' } }),
      '/r',
      opts,
    )[0]!;
    expect(spec.run).toContain(`'\\''`);
  });

  it('by default the runner is the built one in dist/, run by this Node', () => {
    const spec = specsFromConfig(parse({ tfjs: { model: 'mlp' } }), '/repo')[0]!;
    expect(spec.run.startsWith(`${process.execPath} ${tfjsRunnerPath()} `)).toBe(true);
    expect(tfjsRunnerPath()).toBe(path.resolve('dist', 'tfjs-runner.js'));
    expect(tfjsRunnerPath('file:///pkg/dist/cli.js')).toBe('/pkg/dist/tfjs-runner.js');
  });

  it('run benchmarks are unchanged', () => {
    const spec = specsFromConfig(parse({ run: 'echo hi' }), '/repo', opts)[0]!;
    expect(spec.run).toBe('echo hi');
    expect(spec.tfjs).toBeUndefined();
    expect(spec.unit).toBeUndefined();
  });
});
