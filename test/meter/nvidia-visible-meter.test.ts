import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createNvidiaMeter, type NvidiaMeterOptions } from '../../src/meter/io/nvidia-smi-meter.js';
import type { SessionContext } from '../../src/meter/types.js';
import { fakeUuid, installFakeNvidiaSmi, samplesIn, type FakeSmiConfig } from '../helpers/fake-nvidia-smi.js';

const H100 = 'NVIDIA H100 80GB HBM3';
const gpus = [0, 1].map((i) => ({ index: i, uuid: fakeUuid(i), name: H100 }));
const fakeGpus: FakeSmiConfig['gpus'] = [
  { name: H100, watts: 250 },
  { name: H100, watts: 100 },
];

const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
});
const sleeper = (opts: { detached?: boolean } = {}) => {
  const c = spawn('sleep', ['30'], { stdio: 'ignore', ...opts });
  started.push(c);
  return c;
};

/** One session, tracking `pid`, stopped once the fake has printed 8 samples. */
async function session(
  cfg: FakeSmiConfig,
  opts: Omit<NvidiaMeterOptions, 'gpus' | 'binary'>,
  ctx?: SessionContext,
  pid = process.pid,
) {
  const fake = installFakeNvidiaSmi(cfg);
  const meter = createNvidiaMeter({ gpus, binary: fake.binary, ...opts });
  const s = meter.start(ctx);
  s.track(pid);
  if (meter.selection.metered.length || ctx?.env) {
    await fake.waitFor((log) => samplesIn(log).length >= 8).catch(() => {});
  }
  await sleep(50);
  return { meter, result: await s.stop(), fake };
}

const loops = (log: ReturnType<ReturnType<typeof installFakeNvidiaSmi>['log']>) =>
  log.filter((e) => 'args' in e && e.args.includes('-lms'));

describe('nvidia-smi meter: only the GPUs the benchmark can use', () => {
  it('CUDA_VISIBLE_DEVICES=1: GPU 1 metered (100 W), GPU 0 skipped and named in the method', async () => {
    const { meter, result } = await session({ gpus: fakeGpus }, { env: { CUDA_VISIBLE_DEVICES: '1' } });
    expect(result.gpus?.map((g) => g.index)).toEqual([1]);
    expect(Math.abs(result.energyJ / result.durationS - 100) / 100).toBeLessThan(0.05);
    expect(meter.describe()).toMatchObject({
      gpu: 'nvidia-smi',
      gpuNames: [H100],
      gpusMetered: [{ index: 1, uuid: fakeUuid(1), name: H100 }],
      gpusSkipped: [
        {
          index: 0,
          uuid: fakeUuid(0),
          name: H100,
          reason: 'not visible to the job (CUDA_VISIBLE_DEVICES=1)',
        },
      ],
    });
  });

  it('by UUID prefix, the same', async () => {
    const { result } = await session({ gpus: fakeGpus }, { env: { CUDA_VISIBLE_DEVICES: 'GPU-11111111' } });
    expect(result.gpus?.map((g) => g.index)).toEqual([1]);
  });

  it("a benchmark's own env chooses its GPUs, with a note; the suite's method is unchanged", async () => {
    const ctx = { benchmark: 'b', env: { CUDA_VISIBLE_DEVICES: '0' } };
    const { meter, result } = await session({ gpus: fakeGpus }, { env: { CUDA_VISIBLE_DEVICES: '1' } }, ctx);
    expect(result.gpus?.map((g) => g.index)).toEqual([0]);
    expect(Math.abs(result.energyJ / result.durationS - 250) / 250).toBeLessThan(0.05);
    expect(result.notes).toContain('metered GPU 0 for this benchmark (CUDA_VISIBLE_DEVICES=0)');
    expect(meter.describe().gpusMetered?.map((g) => g.index)).toEqual([1]);
  });

  it('no GPU visible: no nvidia-smi loop, 0 J, method gpu none with both GPUs skipped', async () => {
    const { meter, result, fake } = await session(
      { gpus: fakeGpus },
      { env: { NVIDIA_VISIBLE_DEVICES: 'void' } },
    );
    expect(result.energyJ).toBe(0);
    expect(result.gpus).toEqual([]);
    expect(loops(fake.log())).toEqual([]);
    expect(meter.describe()).toMatchObject({ gpu: 'none', gpusMetered: [] });
    expect(meter.describe().gpusSkipped?.map((g) => g.index)).toEqual([0, 1]);
  });

  it('a process outside the benchmark on the metered GPU: a warning naming it; one on a skipped GPU: none', async () => {
    const bench = sleeper({ detached: true });
    const foreign = sleeper();
    const other = sleeper();
    const cfg: FakeSmiConfig = {
      gpus: fakeGpus,
      apps: [
        { pid: bench.pid!, gpu: 1, usedMiB: 8000 },
        { pid: foreign.pid!, gpu: 1, usedMiB: 1500 },
        { pid: other.pid!, gpu: 0, usedMiB: 10 },
      ],
    };
    const ctx = { benchmark: 'train' };
    const { result } = await session(cfg, { env: { CUDA_VISIBLE_DEVICES: '1' } }, ctx, bench.pid!);
    // A warning (the verdict repeats it), not among the plain notes.
    expect(result.notes.filter((n) => n.includes('also ran'))).toEqual([]);
    expect(result.warnings).toEqual([
      `GPU 1 (${H100}) also ran pid ${foreign.pid} (sleep, 1,500 MiB) during train: its energy includes that load`,
    ]);
  });
});
