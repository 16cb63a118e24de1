import { describe, expect, it } from 'vitest';
import { applyGate } from '../../src/gate/apply.js';
import { buildReport } from '../../src/report/build.js';
import { mergeShards, type ShardInput } from '../../src/report/merge.js';
import { ReportSchema } from '../../src/report/schema.js';
import type { Report } from '../../src/report/types.js';
import type { BenchmarkRun } from '../../src/runner/types.js';
import { grid, inputs, sample } from './fixtures.js';

const SHA = 'c'.repeat(40);
const opts = {
  tool: { name: 'carbon-gate' as const, version: '9.9.9' },
  now: new Date('2026-02-01T00:00:00Z'),
};

const run = (name: string, energyJ: number, ok = true): BenchmarkRun => ({
  spec: { name, kind: 'other', run: name, cwd: '/tmp', env: {}, repeat: 1, warmup: 0, timeoutS: 60 },
  status: ok ? 'ok' : 'error',
  ...(ok ? {} : { reason: 'repeat 1/1: exited with code 1' }),
  samples: [sample(1, energyJ, ok)],
});

/** A gated shard report: benchmarks name → joules, on its own grid (intensity) and machine. */
function shard(
  index: number,
  count: number,
  benches: Record<string, number | 'error'>,
  over: { intensity?: number; gpu?: string; sha?: string; totalFailG?: number; energyWarnJ?: number } = {},
): Report {
  const built = buildReport(
    inputs({
      runs: Object.entries(benches).map(([n, j]) => (j === 'error' ? run(n, 1, false) : run(n, j))),
      grid: { ...grid, intensityGPerKwh: over.intensity ?? 100 },
      ...(over.gpu ? { meter: { ...inputs().meter, gpu: 'nvidia-smi' as const, gpuNames: [over.gpu] } } : {}),
    }),
  );
  const gated = applyGate(built, {
    budgetOf: () =>
      over.energyWarnJ ? { energyJ: { warn: over.energyWarnJ }, metric: 'energy' as const } : undefined,
    ...(over.totalFailG ? { total: { co2eG: { fail: over.totalFailG } } } : {}),
    baseline: null,
  });
  return {
    ...gated,
    commit: { sha: over.sha ?? SHA },
    shard: { index, count, names: Object.keys(benches) },
  } as Report;
}

const inputsOf = (...reports: unknown[]): ShardInput[] =>
  reports.map((json, i) => ({ file: `s${i + 1}.json`, json }));

describe('mergeShards: totals, worst verdict, provenance', () => {
  it('sums the shards, keeps each benchmark on its own grid, points each to its shard', () => {
    const a = shard(1, 2, { a: 3600, b: 7200 }, { intensity: 100 });
    const b = shard(2, 2, { c: 3600 }, { intensity: 400, gpu: 'NVIDIA H100' });
    const m = mergeShards(inputsOf(b, a), opts);
    expect(ReportSchema.safeParse(m).success).toBe(true);
    expect(m.benchmarks.map((x) => [x.name, x.shard])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 2],
    ]);
    // Each benchmark's CO2e as its shard computed it: c ran on a grid four times as carbon-intensive.
    const co2 = Object.fromEntries(m.benchmarks.map((x) => [x.name, x.co2eG]));
    expect(co2.c).toBeCloseTo(4 * co2.a!, 9);
    expect(m.totals.energyJ).toBeCloseTo(a.totals.energyJ + b.totals.energyJ, 9);
    expect(m.totals.co2eG).toBeCloseTo(a.totals.co2eG + b.totals.co2eG, 9);
    expect(m.totals.energyKwh).toBeCloseTo(a.totals.energyKwh + b.totals.energyKwh, 12);
    // Equivalents are linear in facility energy (after PUE) and CO2e: the merged ones are the shards' sums.
    const eq = (r: Report) => r.totals.equivalents;
    expect(eq(m).smartphoneCharges).toBeCloseTo(eq(a).smartphoneCharges + eq(b).smartphoneCharges, 9);
    expect(eq(m).carKm).toBeCloseTo(eq(a).carKm + eq(b).carKm, 9);
    expect(m.verdict.status).toBe('pass');
    expect(m.commit).toEqual({ sha: SHA });
    expect(m.shard).toBeUndefined();
    expect(m.shards!.map((s) => [s.index, s.status, s.carbon?.intensityGPerKwh, s.benchmarks])).toEqual([
      [1, 'ok', 100, ['a', 'b']],
      [2, 'ok', 400, ['c']],
    ]);
    expect(m.shards![1]!.method?.gpuNames).toEqual(['NVIDIA H100']);
    expect(m.method.gpuNames).toEqual(['NVIDIA H100']);
    expect(m.notices.join('\n')).toMatch(/shard 2: ok; .*GPUs NVIDIA H100; grid FR 400 g\/kWh/);
  });

  it.each([
    ['pass + warn', [undefined, 1000], 'warn'],
    ['warn + error', [1000, 'error'], 'error'],
    ['pass + pass', [undefined, undefined], 'pass'],
  ] as const)('worst verdict (%s), reasons prefixed by shard', (_l, [w1, w2], status) => {
    const s1 = shard(1, 2, { a: 3600 }, w1 === 1000 ? { energyWarnJ: 1000 } : {});
    const s2 =
      w2 === 'error'
        ? shard(2, 2, { b: 'error' })
        : shard(2, 2, { b: 3600 }, w2 === 1000 ? { energyWarnJ: 1000 } : {});
    const m = mergeShards(inputsOf(s1, s2), opts);
    expect(m.verdict.status).toBe(status);
    for (const r of m.verdict.reasons) expect(r).toMatch(/^shard [12]\/2: /);
    if (status !== 'pass') expect(m.verdict.reasons.length).toBeGreaterThan(0);
  });

  it('a missing shard is an error entry naming it; the verdict is error; nothing else changes', () => {
    const m = mergeShards(inputsOf(shard(1, 3, { a: 3600 }), shard(3, 3, { c: 3600 })), opts);
    const missing = m.benchmarks.find((b) => b.name === 'shard 2/3 (missing)')!;
    expect(missing).toMatchObject({ status: 'error', shard: 2, energyJ: null, co2eG: null });
    expect(missing.reason).toMatch(/no report from shard 2\/3/);
    expect(m.verdict.status).toBe('error');
    expect(m.verdict.reasons).toContain(`shard 2/3 (missing): ${missing.reason}`);
    expect(m.shards!.map((s) => s.status)).toEqual(['ok', 'missing', 'ok']);
    expect(ReportSchema.safeParse(m).success).toBe(true);
  });

  it('every index up to the count with no report is an error entry, in order', () => {
    const m = mergeShards(inputsOf(shard(1, 4, { a: 1 })), { ...opts, expect: 4 });
    expect(m.benchmarks.filter((b) => b.status === 'error').map((b) => b.name)).toEqual([
      'shard 2/4 (missing)',
      'shard 3/4 (missing)',
      'shard 4/4 (missing)',
    ]);
  });

  it('a failed shard (error verdict) is marked failed, its errored benchmarks kept', () => {
    const m = mergeShards(inputsOf(shard(1, 2, { a: 3600 }), shard(2, 2, { b: 'error', c: 3600 })), opts);
    expect(m.shards![1]).toMatchObject({ status: 'failed', verdict: 'error' });
    expect(m.benchmarks.find((b) => b.name === 'b')).toMatchObject({ status: 'error', shard: 2 });
    expect(m.verdict.status).toBe('error');
  });

  it('an empty shard is a valid, present shard', () => {
    const m = mergeShards(inputsOf(shard(1, 2, { a: 3600 }), shard(2, 2, {})), opts);
    expect(m.verdict.status).toBe('pass');
    expect(m.shards!.map((s) => s.status)).toEqual(['ok', 'ok']);
  });

  it('the total budget is judged on the merged total, not on each shard’s part', () => {
    const one = shard(1, 2, { a: 3600 }, { totalFailG: 0.2 });
    const two = shard(2, 2, { b: 3600 }, { totalFailG: 0.2 });
    expect([one.verdict.status, two.verdict.status]).toEqual(['pass', 'pass']);
    const m = mergeShards(inputsOf(one, two), opts);
    expect(m.totals.co2eG).toBeGreaterThan(0.2);
    expect(m.verdict.status).toBe('fail');
    expect(m.verdict.reasons.some((r) => r.startsWith('suite total: '))).toBe(true);
  });
});

describe('mergeShards refuses what cannot be merged (one line, exit 2)', () => {
  const ok = () => shard(1, 2, { a: 1 });
  it.each([
    [
      'different commits',
      [ok(), shard(2, 2, { b: 1 }, { sha: 'd'.repeat(40) })],
      /different commits \(cccccccccccc in s1\.json, dddddddddddd in s2\.json\)/,
    ],
    [
      'different schema versions',
      [ok(), { ...shard(2, 2, { b: 1 }), schemaVersion: 2 }],
      /different schema versions \(1 in s1\.json, 2 in s2\.json\)/,
    ],
    [
      'a newer schema version',
      [{ ...ok(), schemaVersion: 2 }],
      /schema version 2; this carbon-gate merges version 1/,
    ],
    [
      'the same benchmark twice',
      [ok(), shard(2, 2, { a: 1 })],
      /two shards claim benchmark "a" \(s1\.json and s2\.json\)/,
    ],
    ['the same shard twice', [ok(), shard(1, 2, { b: 1 })], /two reports claim shard 1\/2/],
    ['inconsistent shard counts', [ok(), shard(2, 3, { b: 1 })], /inconsistent shard counts/],
    ['a report without a shard', [{ ...ok(), shard: undefined }], /not a shard report/],
    ['not a report', [{ hello: 1 }], /different schema versions|schema version none/],
    [
      'an invalid report',
      [{ ...ok(), totals: { ...ok().totals, co2eG: -1 } }],
      /s1\.json: not a carbon-gate report: totals\.co2eG/,
    ],
    ['different configs', [ok(), { ...shard(2, 2, { b: 1 }), config: 'other.yml' }], /different configs/],
  ])('%s', (_l, reports, message) => {
    expect(() => mergeShards(inputsOf(...reports), opts)).toThrow(message);
    try {
      mergeShards(inputsOf(...reports), opts);
    } catch (e) {
      expect((e as Error).name).toBe('UsageError');
      expect((e as Error).message).toMatch(/^merge: [^\n]+$/);
    }
  });

  it('--expect that disagrees with the shards', () => {
    expect(() => mergeShards(inputsOf(shard(1, 2, { a: 1 })), { ...opts, expect: 4 })).toThrow(
      /expected 4 shards, but s1\.json is shard 1\/2/,
    );
  });
});
