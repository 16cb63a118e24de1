import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createNvidiaMeter } from '../../src/meter/io/nvidia-smi-meter.js';
import type { Measurement } from '../../src/meter/types.js';
import {
  fakeUuid,
  installFakeNvidiaSmi,
  samplesIn,
  type FakeSmiConfig,
  type FakeSmiLog,
} from '../helpers/fake-nvidia-smi.js';

const H100 = 'NVIDIA H100 80GB HBM3';
const gpus = [
  { index: 0, uuid: fakeUuid(0), name: H100 },
  { index: 1, uuid: fakeUuid(1), name: H100 },
];
const steady: FakeSmiConfig['gpus'] = [
  { name: H100, watts: 250 },
  { name: H100, watts: 100 },
];

/** One session over a fake nvidia-smi, stopped `extraMs` after the fake's log satisfies `until`. */
async function meter(
  cfg: FakeSmiConfig,
  until: (log: FakeSmiLog[]) => boolean,
  opts: { intervalS?: number; extraMs?: number; firstSampleWaitS?: number } = {},
) {
  const fake = installFakeNvidiaSmi(cfg);
  const { extraMs, ...meterOpts } = opts;
  const m = createNvidiaMeter({ gpus, binary: fake.binary, ...meterOpts });
  const startMs = Date.now();
  const session = m.start();
  session.track(process.pid);
  await fake.waitFor(until);
  // Let the last sample's lines reach the meter.
  await sleep(extraMs ?? 50);
  const result = await session.stop();
  return { result, startMs, fake };
}

const printed = (n: number) => (log: FakeSmiLog[]) => samplesIn(log).length >= n;
const spanning = (ms: number) => (log: FakeSmiLog[]) => {
  const s = samplesIn(log);
  return s.length > 1 && s[s.length - 1]!.t - s[0]!.t >= ms;
};
/** Notes that only say the machine was slow (the fake started late, samples bunched). */
const slowness = /first power reading|arrived bunched/;

const relErr = (got: number, want: number) => Math.abs(got - want) / want;
const gpu = (m: Measurement, i: number) => m.gpus?.find((g) => g.index === i);

/** Processes whose command line mentions `needle` (a fake's temp dir), zombies excluded. */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (cmd.includes(needle) && !/^\d+ \(.*\) Z /.test(stat)) pids.push(Number(entry));
    } catch {
      // Gone between readdir and read.
    }
  }
  return pids;
}

describe('nvidia-smi meter over a fake nvidia-smi (real child process)', () => {
  it.each([
    { name: 'steady 250 W + 100 W, default 100 ms', intervalS: undefined, stepW: null },
    { name: 'GPU 0 steps 250 → 400 W mid-run, GPU 1 100 → 150 W', intervalS: undefined, stepW: [400, 150] },
    { name: 'the same step sampled every 250 ms', intervalS: 0.25, stepW: [400, 150] },
  ])('$name: GPU energy within 5 % of the true energy', async ({ intervalS, stepW }) => {
    const cfg: FakeSmiConfig = { gpus: steady };
    if (stepW) cfg.step = { afterMs: 600, watts: stepW };
    const { result, startMs, fake } = await meter(cfg, spanning(1400), intervalS ? { intervalS } : {});
    const log = fake.log();
    // True energy: the fake's power (by the wall clock) over the session's window.
    const step = log.find((e): e is { stepAtMs: number } => 'stepAtMs' in e);
    const stepS = step ? Math.min(result.durationS, (step.stepAtMs - startMs) / 1000) : result.durationS;
    const truth = [0, 1].map(
      (i) => steady[i]!.watts * stepS + (stepW ? stepW[i]! * (result.durationS - stepS) : 0),
    );
    for (const i of [0, 1]) expect(relErr(gpu(result, i)!.energyJ, truth[i]!)).toBeLessThan(0.05);
    expect(relErr(result.energyJ, truth[0]! + truth[1]!)).toBeLessThan(0.05);
    expect(result.breakdownJ).toEqual({ cpu: 0, memory: 0, gpu: result.energyJ });
    expect(result.durationS).toBeGreaterThan(1.4);
    expect(gpu(result, 0)).toMatchObject({ name: H100, skipped: 0 });
    expect(gpu(result, 0)!.samples).toBeGreaterThanOrEqual(samplesIn(log).length - 1);
    expect(result.notes.filter((n) => !slowness.test(n))).toEqual([]);
  });

  it('runs one nvidia-smi -lms process per session with the interval in ms, and kills it at stop', async () => {
    const query = ['--query-gpu=index,name,power.draw', '--format=csv,noheader,nounits', '-lms'];
    const apps = ['--query-compute-apps=pid,gpu_uuid,used_memory', '--format=csv,noheader,nounits'];
    for (const [intervalS, ms] of [
      [undefined, '100'],
      [0.25, '250'],
    ] as const) {
      const { fake } = await meter({ gpus: steady }, printed(1), intervalS ? { intervalS } : {});
      const runs = fake.log().flatMap((e) => ('args' in e ? [e.args] : []));
      // Besides the loop: the processes on the GPUs, listed when the benchmark starts and when it ends.
      // (The two processes start together: either may log first.)
      const key = (a: string[]) => a.join(' ');
      expect(runs.map(key).sort()).toEqual([[...query, ms], apps, apps].map(key).sort());
      expect(processesMentioning(fake.dir)).toEqual([]);
    }
  });

  it('[N/A] mid-run: skipped and counted, energy kept, a note', async () => {
    const cfg: FakeSmiConfig = { gpus: steady, unavailable: [{ gpu: 1, from: 3, to: 8, value: '[N/A]' }] };
    const { result } = await meter(cfg, printed(12));
    expect(gpu(result, 1)!.skipped).toBe(5);
    expect(gpu(result, 0)!.skipped).toBe(0);
    expect(relErr(gpu(result, 1)!.energyJ, 100 * result.durationS)).toBeLessThan(0.05);
    expect(result.notes).toContainEqual(
      expect.stringMatching(/^GPU 1 .*: 5 of \d+ power readings skipped \(\[N\/A\]\)/),
    );
  });

  it('nvidia-smi exiting after 5 samples: energy so far kept, last reading held, notes say so', async () => {
    const cfg: FakeSmiConfig = {
      gpus: steady,
      exitAfter: 5,
      exitCode: 15,
      stderr: 'Unable to determine the device handle for GPU0000:17:00.0: GPU is lost.',
    };
    const exited = (log: FakeSmiLog[]) => log.some((e) => 'exit' in e);
    const { result } = await meter(cfg, exited, { extraMs: 1300 });
    expect(gpu(result, 0)!.samples).toBe(5);
    expect(relErr(result.energyJ, 350 * result.durationS)).toBeLessThan(0.05);
    expect(result.notes[0]).toMatch(
      /^nvidia-smi stopped early \(exit code 15\) \d+\.\d s into a \d+\.\d s window: Unable to determine .*GPU is lost\.; GPU readings after that are missing$/,
    );
    expect(result.notes).toContainEqual(
      expect.stringMatching(/^GPU 0 .*: no power reading in the last \d+\.\d s; the last one \(250 W\)/),
    );
  });

  it('nvidia-smi falling silent mid-run: a note on the missing tail', async () => {
    const quietFor = (ms: number) => (log: FakeSmiLog[]) => {
      const s = samplesIn(log);
      return s.length > 3 && s[s.length - 1]!.t - s[2]!.t >= ms;
    };
    const { result } = await meter({ gpus: steady, silentAfter: 3 }, quietFor(1300));
    expect(gpu(result, 1)!.samples).toBe(3);
    expect(result.notes).toContainEqual(
      expect.stringMatching(/^GPU 1 .*: no power reading in the last \d+\.\d s/),
    );
  });

  it('garbage lines mid-run are ignored with a note', async () => {
    const { result } = await meter({ gpus: steady, garbageAt: [2, 4] }, printed(6));
    expect(relErr(result.energyJ, 350 * result.durationS)).toBeLessThan(0.05);
    expect(result.notes.filter((n) => !slowness.test(n))).toEqual([
      'nvidia-smi printed 2 unreadable line(s), ignored (first: "Unable to determine the device handle for GPU0000:17:00.0: Unknown Error")',
    ]);
  });

  it('a GPU that only says [Not Supported] counts 0 J with a note', async () => {
    const cfg: FakeSmiConfig = {
      gpus: steady,
      unavailable: [{ gpu: 1, from: 0, to: 1e9, value: '[Not Supported]' }],
    };
    const { result } = await meter(cfg, printed(4));
    expect(gpu(result, 1)).toMatchObject({ energyJ: 0, samples: 0 });
    expect(gpu(result, 1)!.skipped).toBeGreaterThanOrEqual(3);
    expect(result.energyJ).toBe(gpu(result, 0)!.energyJ);
    expect(result.notes).toContainEqual(
      expect.stringMatching(
        /^GPU 1 .*: no valid power reading .*\[Not Supported\]\); its energy is counted as 0 J$/,
      ),
    );
  });

  it('a run shorter than nvidia-smi start-up: stop() waits for the first sample and holds it over the run', async () => {
    // A generous wait: the fake (a Node script) starts slowly on a loaded machine.
    const { result } = await meter({ gpus: steady }, () => true, { extraMs: 0, firstSampleWaitS: 30 });
    expect(gpu(result, 0)!.samples).toBe(1);
    expect(gpu(result, 0)!.energyJ).toBeCloseTo(250 * result.durationS, 6);
    expect(gpu(result, 1)!.energyJ).toBeCloseTo(100 * result.durationS, 6);
    expect(result.notes).toContainEqual(
      expect.stringMatching(
        /^GPU 0 .*: no power reading during the 0\.\d s run; the first one, \d+\.\d s after its end \(250 W\)/,
      ),
    );
  });

  it('nvidia-smi printing nothing at all: 0 J after a bounded wait, notes say so', async () => {
    const t0 = Date.now();
    const { result } = await meter({ gpus: steady, silentAfter: 0 }, printed(1));
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(result.energyJ).toBe(0);
    expect(result.notes).toContainEqual(
      expect.stringMatching(
        /^GPU 1 .*: no valid power reading .*\(nvidia-smi printed no line for it\); its energy is counted as 0 J$/,
      ),
    );
  });

  it('a missing binary: stop() resolves with 0 J and notes, never throws', async () => {
    const m = createNvidiaMeter({ gpus, binary: path.join(os.tmpdir(), 'cg-no-such-dir', 'nvidia-smi') });
    const session = m.start();
    await sleep(100);
    const result = await session.stop();
    expect(result.energyJ).toBe(0);
    expect(result.gpus?.map((g) => g.energyJ)).toEqual([0, 0]);
    expect(result.notes[0]).toMatch(
      /^could not run nvidia-smi \(.*cg-no-such-dir\/nvidia-smi\): spawn .* ENOENT$/,
    );
    expect(result.notes).toContainEqual(
      expect.stringMatching(/^GPU 0 .*: no valid power reading .*\(nvidia-smi printed no line for it\)/),
    );
  });

  it('describe(): nvidia-smi, GPU names and the basis', () => {
    const d = createNvidiaMeter({ gpus: [...gpus].reverse(), binary: '/x/nvidia-smi' }).describe();
    expect(d).toMatchObject({
      gpu: 'nvidia-smi',
      gpuNames: [H100, H100],
      intervalS: 0.1,
      powerModel: 'nvidia-smi power.draw',
    });
    expect(d.basis.join('\n')).toMatch(/power.draw of 2 GPUs every 100 ms, integrated by the trapezoid rule/);
    expect(d.basis.join('\n')).toMatch(/±5 W.*1-s average/);
    expect(createNvidiaMeter({ gpus, binary: '/x', intervalS: 0.5 }).describe().basis[0]).toMatch(
      /every 500 ms/,
    );
  });
});
