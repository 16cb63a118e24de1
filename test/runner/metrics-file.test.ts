import { afterAll, describe, expect, it } from 'vitest';
import { removeMetricsDirs } from '../../src/runner/io/metrics-channel.js';
import { countingMeter } from '../helpers/counting-meter.js';
import {
  capSampleMetrics,
  keepLayers,
  MAX_LAYERS,
  parseMetricsFile,
  reportedBackend,
  topLayers,
  type LayerCost,
} from '../../src/runner/metrics-file.js';
import { spawnCommand } from '../../src/runner/io/spawn-command.js';
import { runSuite } from '../../src/runner/run-suite.js';
import type { BenchmarkSpec } from '../../src/runner/types.js';
import { collector } from '../helpers/collect.js';

// The metrics folders spawnCommand makes: a test worker may end without the 'exit' that removes them.
afterAll(removeMetricsDirs);

const layer = { name: 'conv2', type: 'Conv2D', params: 4640, macs: 557568, share: 0.74 };

describe('parseMetricsFile', () => {
  it.each([
    {
      name: 'numbers and strings become metrics; layers and error are kept apart',
      text: JSON.stringify({ accuracy: 0.92, backend: 'wasm', layers: [layer], error: 'boom\nsecond line' }),
      out: {
        metrics: { accuracy: 0.92, backend: 'wasm' },
        layers: [layer],
        error: 'boom second line',
        problems: [],
      },
    },
    {
      name: 'nested values, NaN-like and booleans are dropped and counted',
      text: '{"ok": 1, "nested": {"a": 1}, "flag": true, "list": [1]}',
      out: { metrics: { ok: 1 }, problems: ['metrics file: 3 entries ignored'] },
    },
    {
      name: 'a malformed layer is dropped',
      text: JSON.stringify({ layers: [layer, { name: 'x' }] }),
      out: { metrics: {}, layers: [layer], problems: ['metrics file: malformed layers ignored'] },
    },
    {
      name: 'not JSON',
      text: 'accuracy=0.9',
      out: { metrics: {}, problems: ['metrics file is not JSON: ignored'] },
    },
    {
      name: 'not an object',
      text: '[0.9]',
      out: { metrics: {}, problems: ['metrics file is not a JSON object: ignored'] },
    },
  ])('$name', ({ text, out }) => {
    expect(parseMetricsFile(text)).toEqual(out);
  });

  it('caps the number of metrics and the length of strings', () => {
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`m${i}`, i]));
    const r = parseMetricsFile(JSON.stringify({ ...many, s: 'x'.repeat(1000) }));
    expect(Object.keys(r.metrics)).toHaveLength(64);
    expect(r.problems).toEqual(['metrics file: 17 entries ignored']);
    expect(String(parseMetricsFile(JSON.stringify({ s: 'y'.repeat(1000) })).metrics['s'])).toHaveLength(300);
  });

  it('strips control characters from names and text (each would grow sixfold as \\u00XX in JSON)', () => {
    const r = parseMetricsFile(
      JSON.stringify({
        'ac\u0000cu\u001bracy': 'x\u0001y\u007fz\u0085!\u009b',
        '\u0007\u0008': 1,
        layers: [{ ...layer, name: 'co\u0000nv\u001f2', type: '\u009bConv2D' }],
        error: 'bo\u0000om\u0007',
      }),
    );
    expect(r).toEqual({
      metrics: { accuracy: 'xyz!' },
      layers: [layer],
      error: 'boom',
      problems: ['metrics file: 1 entry ignored'],
    });
    expect(JSON.stringify(r)).not.toMatch(/\\u00/);
  });

  it.each([
    {
      name: 'units: kept, made one line and capped',
      units: ' 32\n3×3 '.padEnd(400, 'x'),
      out: { ...layer, units: `32 3×3 ${'x'.repeat(293)}` },
    },
    { name: 'units: empty once cleaned, left out', units: '\u0000 ', out: layer },
    { name: 'units: not a string, the layer is malformed', units: 512, out: undefined },
  ])('$name', ({ units, out }) => {
    const r = parseMetricsFile(JSON.stringify({ layers: [{ ...layer, units }] }));
    expect(r.layers).toEqual(out && [out]);
    expect(r.problems).toEqual(out ? [] : ['metrics file: malformed layers ignored']);
  });

  it(`lists up to ${MAX_LAYERS} layers; past that, those with the most MACs, in the file's order`, () => {
    const many = Array.from({ length: 70 }, (_, i) => ({ ...layer, name: `l${i}`, macs: (i * 37) % 70 }));
    const r = parseMetricsFile(JSON.stringify({ layers: many }));
    // The six with MACs 0…5 go (37·i mod 70 takes every value once).
    expect(r.layers?.map((l) => l.name)).toEqual(many.filter((l) => l.macs >= 6).map((l) => l.name));
    expect(r.problems).toEqual(['metrics file: 6 layers past 64 ignored (those with the fewest MACs)']);
  });

  it.each([
    [[5, 1, 9, 0], 4, [5, 1, 9, 0]],
    [[5, 1, 9, 0], 2, [5, 9]],
    [[3, 3, 3], 2, [3, 3]],
  ])('keepLayers(MACs %j, %i): the largest, in order', (macs, max, kept) => {
    const layers = macs.map((m, i) => ({ ...layer, name: `l${i}`, macs: m }));
    const out = keepLayers(layers, max);
    expect(out.map((l) => l.macs)).toEqual(kept);
    // Among equals, the earlier ones.
    if (macs[0] === 3) expect(out.map((l) => l.name)).toEqual(['l0', 'l1']);
  });

  it('topLayers: most MACs first, then parameters; layers with neither are not shown', () => {
    const l = (name: string, macs: number, params: number): LayerCost => ({ ...layer, name, macs, params });
    const model = [l('flatten', 0, 0), l('a', 10, 5), l('b', 30, 1), l('norm', 0, 4), l('c', 10, 9)];
    expect(topLayers(model, 5).map((x) => x.name)).toEqual(['b', 'c', 'a', 'norm']);
    expect(topLayers(model, 2).map((x) => x.name)).toEqual(['b', 'c']);
    expect(topLayers([l('flatten', 0, 0)], 3)).toEqual([]);
  });

  it.each([
    [{ backend: 'wasm' }, 'wasm'],
    [{ backend: 'tensorflow' }, 'tensorflow'],
    [{ backend: 'webgl' }, undefined],
    [undefined, undefined],
  ])('reportedBackend(%j) is %s', (metrics, backend) => {
    expect(reportedBackend(metrics)).toBe(backend);
  });
});

const spec = (name: string, run: string): BenchmarkSpec => ({
  name,
  kind: 'other',
  run,
  cwd: process.cwd(),
  env: {},
  repeat: 2,
  warmup: 0,
  timeoutS: 30,
});

describe('a benchmark reports metrics through $CARBON_GATE_METRICS_FILE', () => {
  it('each repeat gets its own file; metrics, layers and backend land on the sample', async () => {
    const write = `echo '{"accuracy": 0.9, "backend": "wasm", "layers": ${JSON.stringify([layer])}}' > "$CARBON_GATE_METRICS_FILE"`;
    const runs = await runSuite(
      [
        spec('writes', write),
        spec('silent', 'true'),
        spec('garbage', 'echo nope > "$CARBON_GATE_METRICS_FILE"'),
      ],
      {
        meter: countingMeter().meter,
        spawnBenchmark: (s, onPid) => spawnCommand(s, { prefix: `[${s.name}] `, output: collector(), onPid }),
        progress: () => {},
      },
    );
    const [writes, silent, garbage] = runs;
    expect(writes!.samples.map((s) => [s.metrics, s.backend, s.layers])).toEqual([
      [{ accuracy: 0.9, backend: 'wasm' }, 'wasm', [layer]],
      [{ accuracy: 0.9, backend: 'wasm' }, 'wasm', [layer]],
    ]);
    expect(silent!.samples[0]!.metrics).toBeUndefined();
    expect(garbage!.samples[0]!.metrics).toBeUndefined();
    expect(garbage!.samples[0]!.measurement.notes).toEqual(['metrics file is not JSON: ignored']);
  });

  it("a failing benchmark's one-line error becomes the reason", async () => {
    const fail = `echo '{"error": "backend \\"tensorflow\\" is not available"}' > "$CARBON_GATE_METRICS_FILE"; exit 2`;
    const r = await spawnCommand(spec('f', fail), { output: collector() });
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('exited with code 2: backend "tensorflow" is not available');
  });

  it('a stale file from an earlier repeat is never read again', async () => {
    const s = {
      ...spec(
        'once',
        '[ -s "$CARBON_GATE_METRICS_FILE" ] && echo stale; echo "{\\"n\\": 1}" > "$CARBON_GATE_METRICS_FILE"',
      ),
      repeat: 1,
    };
    const out = collector();
    await spawnCommand(s, { output: out });
    await spawnCommand(s, { output: out });
    expect(out.text()).not.toContain('stale');
  });
});

describe('one sample’s metrics and layers are capped in size (issue 5)', () => {
  it('64 long metrics and 10 layers of long names: what passes 16 KiB is dropped, with a note', async () => {
    // About 23 KiB compact: every metric and layer at its own caps.
    const big = Object.fromEntries(
      Array.from({ length: 63 }, (_, i) => [`m${i}`.padEnd(64, 'k'), 'v'.repeat(300)]),
    );
    const layers = Array.from({ length: 10 }, (_, i) => ({ ...layer, name: `l${i}`.padEnd(300, 'n') }));
    const text = JSON.stringify({ accuracy: 0.5, ...big, layers });
    const runs = await runSuite([{ ...spec('big', 'true'), repeat: 1 }], {
      meter: countingMeter().meter,
      spawnBenchmark: async () => ({
        ok: true,
        exitCode: 0,
        signal: null,
        timedOut: false,
        durationS: 1,
        reported: parseMetricsFile(text),
      }),
      progress: () => {},
    });
    const s = runs[0]!.samples[0]!;
    const bytes = Buffer.byteLength(JSON.stringify({ metrics: s.metrics, layers: s.layers }));
    expect(bytes).toBeLessThanOrEqual(16 * 1024);
    // Kept in the file's order, as many as fit: the first ones, accuracy among them.
    expect(s.metrics?.['accuracy']).toBe(0.5);
    expect(s.measurement.notes).toEqual([
      expect.stringMatching(
        /^metrics file: \d+ entries dropped: one sample's metrics and layers are capped at \d+ bytes$/,
      ),
    ]);
  });
});

describe('capSampleMetrics: layers that do not fit', () => {
  it('drops the layers with the fewest MACs first and keeps the rest in model order', () => {
    const layers = Array.from({ length: 8 }, (_, i) => ({
      ...layer,
      name: `l${i}`,
      macs: [5, 1, 7, 3, 8, 2, 6, 4][i]!,
    }));
    const whole = capSampleMetrics({ metrics: {}, layers, problems: [] }, 1_000_000);
    expect(whole.layers).toEqual(layers);
    // As the report writes one (metrics-file.ts layerBytes): 12 spaces deeper per line, and ",\n".
    const one = JSON.stringify(layer, null, 2);
    const each = Buffer.byteLength(one) + 12 * one.split('\n').length + 2;
    // Room for 4½ layers beside the two empty blocks (72 bytes).
    const r = capSampleMetrics({ metrics: {}, layers, problems: [] }, 72 + 4.5 * each);
    expect(r.layers?.map((l) => l.macs)).toEqual([5, 7, 8, 6]);
    expect(r.problems).toEqual([expect.stringMatching(/^metrics file: 4 entries dropped/)]);
  });
});
