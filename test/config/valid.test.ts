import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { parseConfigText } from '../../src/config/validate.js';

function parseOk(text: string): Config {
  const result = parseConfigText(text, 'carbon-gate.yml');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

const MINIMAL = `
version: 1
benchmarks:
  - name: train
    kind: training
    run: python train.py
`;

const FULL = `
# yaml-language-server: $schema=./schema/carbon-gate.schema.json
$schema: ./schema/carbon-gate.schema.json
version: 1
region: US-WA
pue: 1.2
meter:
  interval: 250ms
benchmarks:
  - name: train
    kind: training
    run: |
      python train.py \\
        --epochs 1
    cwd: ml
    env:
      CUDA_VISIBLE_DEVICES: "0"
      SEED: "42"
    repeat: 5
    warmup: 2
    timeout: 1.5h
  - name: serve
    kind: inference
    run: python serve.py
    timeout: 90 s
`;

describe('parseConfigText accepts valid configs', () => {
  it('applies defaults to a minimal config', () => {
    expect(parseOk(MINIMAL)).toEqual({
      version: 1,
      meter: { intervalS: 0.5 },
      benchmarks: [
        {
          name: 'train',
          kind: 'training',
          run: 'python train.py',
          env: {},
          warmup: 0,
          timeoutS: 1800,
        },
      ],
    });
  });

  it('keeps every field of a full config, durations in seconds', () => {
    expect(parseOk(FULL)).toEqual({
      $schema: './schema/carbon-gate.schema.json',
      version: 1,
      region: 'US-WA',
      pue: 1.2,
      meter: { intervalS: 0.25 },
      benchmarks: [
        {
          name: 'train',
          kind: 'training',
          run: 'python train.py \\\n  --epochs 1\n',
          cwd: 'ml',
          env: { CUDA_VISIBLE_DEVICES: '0', SEED: '42' },
          repeat: 5,
          warmup: 2,
          timeoutS: 5400,
        },
        {
          name: 'serve',
          kind: 'inference',
          run: 'python serve.py',
          env: {},
          warmup: 0,
          timeoutS: 90,
        },
      ],
    });
  });

  it.each([
    ['region world', 'region: world', (c: Config) => c.region, 'world'],
    ['region with colon', 'region: "EIA:CISO"', (c: Config) => c.region, 'EIA:CISO'],
    ['pue at the bounds', 'pue: 3', (c: Config) => c.pue, 3],
    ['interval at the minimum', 'meter: { interval: 50ms }', (c: Config) => c.meter.intervalS, 0.05],
    ['interval at the maximum', 'meter: { interval: 60s }', (c: Config) => c.meter.intervalS, 60],
    ['empty meter mapping', 'meter: {}', (c: Config) => c.meter.intervalS, 0.5],
  ])('%s', (_name, line, pick, value) => {
    expect(pick(parseOk(`${line}\n${MINIMAL}`))).toBe(value);
  });

  it('accepts a byte-order mark, CRLF line ends and flow style', () => {
    const text =
      '\uFEFFversion: 1\r\nbenchmarks: [{name: a, kind: other, run: "true", warmup: 100, repeat: 1000}]\r\n';
    expect(parseOk(text).benchmarks[0]).toMatchObject({ name: 'a', warmup: 100, repeat: 1000 });
  });

  it('accepts anchors and aliases within the alias limit', () => {
    const text = `version: 1
benchmarks:
  - { name: a, kind: other, run: &cmd "echo hi" }
  - { name: b, kind: other, run: *cmd }
`;
    expect(parseOk(text).benchmarks.map((b) => b.run)).toEqual(['echo hi', 'echo hi']);
  });

  it('parses the shipped demo config', () => {
    const text = readFileSync(new URL('../../demo/carbon-gate.yml', import.meta.url), 'utf8');
    const config = parseOk(text);
    expect(config.benchmarks.map((b) => b.tfjs?.model)).toEqual([
      'mlp',
      'cnn',
      'gru',
      'knn',
      'kmeans',
      'fourier',
      'dcgan',
    ]);
    expect(config.benchmarks.every((b) => b.tfjs?.samples === 3000 && b.tfjs.seed === 42)).toBe(true);
  });
});
