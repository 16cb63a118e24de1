import { describe, expect, it } from 'vitest';
import { runAb } from '../../src/gate/ab-run.js';
import type { BenchmarkSpec, CommandResult } from '../../src/runner/types.js';
import { countingMeter } from '../helpers/counting-meter.js';

const spec = (name: string, extra: Partial<BenchmarkSpec> = {}): BenchmarkSpec => ({
  name,
  kind: 'other',
  run: 'true',
  cwd: '/',
  env: {},
  repeat: 4,
  warmup: 1,
  timeoutS: 30,
  ...extra,
});

const ok: CommandResult = { ok: true, exitCode: 0, signal: null, timedOut: false, durationS: 0.1 };
const failed: CommandResult = { ...ok, ok: false, exitCode: 1, reason: 'exit code 1' };

/** Records every command as "side:name" and lets a test fail chosen calls. */
function recorder(failOn: (call: string, n: number) => boolean = () => false) {
  const calls: string[] = [];
  const exec = (side: string) => async (s: BenchmarkSpec) => {
    const call = `${side}:${s.name}`;
    calls.push(call);
    return failOn(call, calls.filter((c) => c === call).length) ? failed : ok;
  };
  return { calls, head: exec('head'), base: exec('base') };
}

describe('runAb', () => {
  it('warms both sides, then alternates the order inside each pair (A B, B A, …)', async () => {
    const r = recorder();
    const runs = await runAb([spec('x')], [spec('x')], {
      meter: countingMeter().meter,
      spawnBenchmark: r.head,
      spawnBaseBenchmark: r.base,
      progress: () => {},
    });
    const order = ['base', 'head', 'base', 'head', 'head', 'base', 'base', 'head', 'head', 'base'];
    expect(r.calls).toEqual(order.map((s) => `${s}:x`));
    expect(runs.head[0]!.samples.map((s) => s.repeat)).toEqual([1, 2, 3, 4]);
    expect(runs.base[0]!.samples.map((s) => s.repeat)).toEqual([1, 2, 3, 4]);
  });

  it.each([
    { repeat: 1, calls: 2 },
    { repeat: 2, calls: 4 },
    { repeat: 5, calls: 10 },
  ])('uses the head repeat count on both sides (repeat $repeat → $calls metered runs)', async (c) => {
    const r = recorder();
    await runAb([spec('x', { repeat: c.repeat, warmup: 0 })], [spec('x', { repeat: 9, warmup: 0 })], {
      meter: countingMeter().meter,
      spawnBenchmark: r.head,
      spawnBaseBenchmark: r.base,
      progress: () => {},
    });
    expect(r.calls).toHaveLength(c.calls);
    expect(r.calls.filter((x) => x.startsWith('base'))).toHaveLength(c.repeat);
  });

  it('one side failing stops that side only; a benchmark only head declares runs alone', async () => {
    const r = recorder((call, n) => call === 'base:x' && n === 3);
    const runs = await runAb(
      [spec('x', { warmup: 0 }), spec('new', { warmup: 0, repeat: 2 })],
      [spec('x', { warmup: 0 })],
      {
        meter: countingMeter().meter,
        spawnBenchmark: r.head,
        spawnBaseBenchmark: r.base,
        progress: () => {},
      },
    );
    expect(runs.base).toHaveLength(1);
    expect(runs.base[0]).toMatchObject({ status: 'error', reason: 'repeat 3/4: exit code 1' });
    expect(runs.head.map((h) => [h.spec.name, h.status, h.samples.length])).toEqual([
      ['x', 'ok', 4],
      ['new', 'ok', 2],
    ]);
    expect(r.calls.filter((c) => c === 'base:x')).toHaveLength(3);
  });

  it('head failing on an even repeat (head first) still lets base run that repeat and the rest', async () => {
    const r = recorder((call, n) => call === 'head:x' && n === 2);
    const runs = await runAb([spec('x', { warmup: 0 })], [spec('x', { warmup: 0 })], {
      meter: countingMeter().meter,
      spawnBenchmark: r.head,
      spawnBaseBenchmark: r.base,
      progress: () => {},
    });
    expect(r.calls).toEqual(['base:x', 'head:x', 'head:x', 'base:x', 'base:x', 'base:x']);
    expect(runs.head[0]).toMatchObject({ status: 'error', reason: 'repeat 2/4: exit code 1' });
    expect(runs.base[0]!.samples.map((s) => s.repeat)).toEqual([1, 2, 3, 4]);
  });

  it('a signal between pairs stops both sides with the repeats so far', async () => {
    const r = recorder();
    const runs = await runAb([spec('x', { warmup: 0 })], [spec('x', { warmup: 0 })], {
      meter: countingMeter().meter,
      spawnBenchmark: r.head,
      spawnBaseBenchmark: r.base,
      progress: () => {},
      interrupted: () => r.calls.length >= 2, // after the first pair
    });
    expect(r.calls).toHaveLength(2);
    for (const side of [runs.head[0]!, runs.base[0]!]) {
      expect(side).toMatchObject({ status: 'error', reason: 'interrupted before repeat 2/4' });
      expect(side.samples).toHaveLength(1);
    }
  });
});
