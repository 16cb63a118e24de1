import { describe, expect, it } from 'vitest';
import { abJudge } from '../../src/engine/adaptive-judge.js';
import type { Judgement } from '../../src/gate/adaptive.js';
import { runAb, type AbDeps } from '../../src/gate/ab-run.js';
import type { Measurement, Meter } from '../../src/meter/types.js';
import { buildReport } from '../../src/report/build.js';
import type { BenchmarkRun, BenchmarkSpec, CommandResult } from '../../src/runner/types.js';
import { mulberry32 } from '../../src/stats/prng.js';
import { inputs } from '../report/fixtures.js';

const spec = (extra: Partial<BenchmarkSpec> = {}): BenchmarkSpec => ({
  name: 'x',
  kind: 'other',
  run: 'true',
  cwd: '/',
  env: {},
  repeat: 5,
  maxRepeat: 20,
  warmup: 0,
  timeoutS: 30,
  ...extra,
});

const ok: CommandResult = { ok: true, exitCode: 0, signal: null, timedOut: false, durationS: 1 };
const failed: CommandResult = { ...ok, ok: false, exitCode: 1, reason: 'exit code 1' };

/**
 * Fake benchmarks on a fake meter: each side's run sets the energy the meter then reads, head ÷ base
 * lognormal around `ratio` (log-sd `sd`, seeded); a fake clock advances 1 s per run. `failOn` fails chosen
 * calls ("head", 6 = head's 6th run).
 */
function bench(ratio: number, sd: number, seed = 1, failOn?: { side: string; n: number }) {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  let energy = 0;
  let clock = 0;
  const calls: string[] = [];
  const meter: Meter = {
    describe: () => ({ cpu: 'estimator', gpu: 'none', powerModel: 'test', basis: [], intervalS: 0.5 }),
    start: () => ({
      track: () => {},
      stop: async (): Promise<Measurement> => ({
        durationS: 1,
        energyJ: energy,
        breakdownJ: { cpu: energy, memory: 0, gpu: 0 },
        utilisation: 0.5,
        processCpuS: 0.5,
        processShare: 0.5,
        samples: 2,
        notes: [],
      }),
    }),
  };
  const exec = (side: 'head' | 'base') => async () => {
    calls.push(side);
    clock += 1;
    energy = 100 * (side === 'head' ? ratio * Math.exp(sd * normal()) : 1);
    const n = calls.filter((c) => c === side).length;
    return failOn && failOn.side === side && failOn.n === n ? failed : ok;
  };
  const progress: string[] = [];
  const deps: AbDeps = {
    meter,
    spawnBenchmark: exec('head'),
    spawnBaseBenchmark: exec('base'),
    progress: (m) => progress.push(m),
    now: () => clock,
    // The engine's judge on the test report fixture: each look gated as the final verdict is.
    judge: abJudge(
      (runs) => buildReport(inputs({ runs })),
      () => undefined,
    ),
  };
  return { deps, calls, progress };
}

const pairsOf = (run: BenchmarkRun) => run.samples.length;

describe('adaptive pairs (runAb with a judge)', () => {
  it('a quiet A/A resolves at the first look: 5 pairs, recorded on both sides', async () => {
    const b = bench(1, 0.002);
    const runs = await runAb([spec()], [spec()], b.deps);
    const adaptive = { pairs: 5, minPairs: 5, maxPairs: 20, level: 0.99, stop: 'resolved' };
    expect(runs.head[0]).toMatchObject({ status: 'ok', adaptive });
    expect(runs.base[0]).toMatchObject({ status: 'ok', adaptive });
    expect(b.calls).toHaveLength(10);
    expect(b.progress.some((p) => p.includes('adding pairs'))).toBe(false);
  });

  it('adds pairs at the looks while the interval straddles a limit, until it is resolved', async () => {
    const b = bench(1, 0.04, 3);
    const runs = await runAb([spec()], [spec()], b.deps);
    const head = runs.head[0]!;
    expect(head.adaptive).toMatchObject({ stop: 'resolved', level: 0.99 });
    expect([7, 10, 14, 20]).toContain(head.adaptive!.pairs);
    expect(pairsOf(head)).toBe(head.adaptive!.pairs);
    expect(pairsOf(runs.base[0]!)).toBe(head.adaptive!.pairs);
    expect(b.progress).toContainEqual(
      expect.stringMatching(
        /^\[1\/1\] x: adding pairs 6–7 of up to 20: interval -?\d+\.\d % … \+\d+\.\d % \(99 %\) straddles the (warn|fail) limit \+(5|10)\.0 %$/,
      ),
    );
    // The order keeps alternating across looks: pair 6 is head first, pair 7 base first.
    expect(b.calls.slice(10, 14)).toEqual(['head', 'base', 'base', 'head']);
  });

  it('a regression on the limit runs to the cap (max-repeat)', async () => {
    const b = bench(1.1, 0.04, 4);
    const runs = await runAb([spec({ maxRepeat: 10 })], [spec()], b.deps);
    expect(runs.head[0]!.adaptive).toEqual({
      pairs: 10,
      minPairs: 5,
      maxPairs: 10,
      level: expect.closeTo(1 - 0.05 / 3, 10),
      stop: 'max-repeat',
    });
    expect(b.progress.filter((p) => p.includes('adding pairs'))).toHaveLength(2);
  });

  it('stops before a look whose pairs would run past maxTime at the pace so far (max-time)', async () => {
    const b = bench(1.1, 0.04, 4);
    // 2 s a pair (fake clock): 10 s at 5 pairs, 14 s at 7; 10 pairs would take 20 s > 15 s.
    const runs = await runAb([spec({ maxTimeS: 15 })], [spec()], b.deps);
    expect(runs.head[0]!.adaptive).toMatchObject({ pairs: 7, stop: 'max-time' });
    const real = bench(1.1, 0.04, 4);
    const tiny = await runAb([spec({ maxTimeS: 1e-9 })], [spec()], { ...real.deps, now: undefined });
    expect(tiny.head[0]!.adaptive).toMatchObject({ pairs: 5, stop: 'max-time' });
  });

  it('a side failing half-way stops the pairs (error), keeps the samples, and the report is built', async () => {
    const b = bench(1, 0.04, 3, { side: 'head', n: 6 });
    const runs = await runAb([spec()], [spec()], b.deps);
    const head = runs.head[0]!;
    expect(head).toMatchObject({ status: 'error', reason: 'repeat 6/7: exit code 1' });
    expect(head.adaptive).toMatchObject({ pairs: 6, stop: 'error' });
    expect(pairsOf(runs.base[0]!)).toBe(6);
    expect(b.calls).toHaveLength(12);
    const report = buildReport(inputs({ runs: runs.head }));
    expect(report.benchmarks[0]).toMatchObject({ status: 'error', adaptive: { stop: 'error' } });
  });

  it('a signal during added pairs stops them (interrupted) with the pairs so far', async () => {
    const b = bench(1, 0.04, 3);
    const runs = await runAb([spec()], [spec()], { ...b.deps, interrupted: () => b.calls.length >= 12 });
    expect(runs.head[0]).toMatchObject({
      status: 'error',
      reason: 'interrupted before repeat 7/7',
      adaptive: { pairs: 6, stop: 'interrupted' },
    });
  });

  it('without maxRepeat above repeat, or without a base, exactly repeat pairs and no adaptive field', async () => {
    const judged: string[] = [];
    const judge = (): Judgement => {
      judged.push('look');
      return { resolved: false };
    };
    const b = bench(1.1, 0.04, 4);
    const runs = await runAb([spec({ maxRepeat: 5 }), spec({ name: 'new' })], [spec()], { ...b.deps, judge });
    expect(runs.head.map((r) => [r.spec.name, pairsOf(r), r.adaptive])).toEqual([
      ['x', 5, undefined],
      ['new', 5, undefined],
    ]);
    expect(judged).toEqual([]);
  });
});
