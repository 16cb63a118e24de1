import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ForeignAppWatch } from '../../src/meter/io/nvidia-foreign-apps.js';
import { foreignAppNote } from '../../src/meter/nvidia-notes.js';
import type { ComputeApp, NvidiaGpu } from '../../src/meter/nvidia-parse.js';

const U0 = 'GPU-00000000-1111-2222-3333-444455556666';
const U1 = 'GPU-11111111-1111-2222-3333-444455556666';
const gpu0: NvidiaGpu = { index: 0, uuid: U0, name: 'NVIDIA H100 80GB HBM3' };

const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
});

function start(cmd: string, args: string[], opts: { detached?: boolean } = {}): ChildProcess {
  const c = spawn(cmd, args, { stdio: 'ignore', detached: opts.detached ?? false });
  started.push(c);
  return c;
}

/** The pids of `root`'s children, once it has some (read from /proc). */
async function childrenOf(root: number, n: number): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    const text = readFileSync(`/proc/${root}/task/${root}/children`, 'utf8').trim();
    const pids = text ? text.split(/\s+/).map(Number) : [];
    if (pids.length >= n) return pids;
    await sleep(10);
  }
  throw new Error(`pid ${root} did not start ${n} children`);
}

describe('ForeignAppWatch over real processes', () => {
  it('names a process on a metered GPU outside the benchmark, not the benchmark’s own nor other GPUs’', async () => {
    // The benchmark: a shell with a child (in its tree and in its own process group).
    const bench = start('/bin/sh', ['-c', 'sleep 30 & sleep 30 & wait'], { detached: true });
    const [child] = await childrenOf(bench.pid!, 2);
    const foreign = start('sleep', ['30']);
    const elsewhere = start('sleep', ['31']);
    let calls = 0;
    const list = (): Promise<ComputeApp[]> => {
      calls++;
      return Promise.resolve([
        { pid: child!, gpuUuid: U0, usedMiB: 4000 },
        { pid: foreign.pid!, gpuUuid: U0, usedMiB: calls === 1 ? 100 : 2048 },
        { pid: elsewhere.pid!, gpuUuid: U1, usedMiB: 10 },
        // Gone, or in another pid namespace: /proc cannot say whose it is.
        { pid: 4_000_000, gpuUuid: U0, usedMiB: 10 },
      ]);
    };
    const watch = new ForeignAppWatch({ binary: 'unused', gpus: [gpu0], everyS: 0, list });
    watch.start(bench.pid!);
    const { notes, warnings } = await watch.stop('train-resnet');
    expect(calls).toBe(2);
    expect(notes).toEqual([]);
    expect(warnings).toEqual([
      `GPU 0 (NVIDIA H100 80GB HBM3) also ran pid ${foreign.pid} (sleep, 2,048 MiB) during train-resnet: its energy includes that load`,
    ]);
  });

  it('a benchmark process that left the group and was re-parented stays the benchmark’s once seen', async () => {
    // setsid: the child leaves the benchmark's process group, so only the memory of it links them.
    const bench = start('/bin/sh', ['-c', 'setsid sleep 30 & wait'], { detached: true });
    const [child] = await childrenOf(bench.pid!, 1);
    await sleep(50);
    expect(readFileSync(`/proc/${child}/stat`, 'utf8')).toMatch(/\(sleep\)/);
    const list = () => Promise.resolve([{ pid: child!, gpuUuid: U0, usedMiB: 1 }]);
    const watch = new ForeignAppWatch({ binary: 'unused', gpus: [gpu0], everyS: 0, list });
    watch.start(bench.pid!);
    await sleep(50);
    // The shell ends; its child is re-parented (no longer a descendant) but was seen as the benchmark's.
    bench.kill('SIGKILL');
    await sleep(100);
    expect(await watch.stop('b')).toEqual({ notes: [], warnings: [] });
    process.kill(child!, 'SIGKILL');
  });

  it('checks every everyS seconds while the benchmark runs, besides start and end', async () => {
    let calls = 0;
    const list = async () => {
      calls++;
      await sleep(5);
      return [];
    };
    const watch = new ForeignAppWatch({ binary: 'unused', gpus: [gpu0], everyS: 0.05, list });
    watch.start(process.pid);
    await sleep(400);
    await watch.stop(undefined);
    // One at the start, one per 50 ms (fewer on a loaded machine), one at the end.
    expect(calls).toBeGreaterThanOrEqual(4);
  });

  it('many foreign processes: ten named, the rest counted (a sample holds at most 100 notes)', async () => {
    const others = Array.from({ length: 12 }, () => start('sleep', ['30']));
    const list = () => Promise.resolve(others.map((c) => ({ pid: c.pid!, gpuUuid: U0, usedMiB: 1 })));
    const watch = new ForeignAppWatch({ binary: 'unused', gpus: [gpu0], everyS: 0, list });
    // The benchmark: a process of its own (the sleeps are this test's children, not its).
    watch.start(start('sleep', ['30'], { detached: true }).pid!);
    const { warnings } = await watch.stop('b');
    expect(warnings).toHaveLength(11);
    expect(warnings[10]).toBe('2 more processes also ran on the metered GPUs (not listed)');
  });

  it('nvidia-smi never answering: one note that other loads were not checked', async () => {
    const watch = new ForeignAppWatch({
      binary: 'unused',
      gpus: [gpu0],
      everyS: 0,
      list: () => Promise.resolve(null),
    });
    watch.start(process.pid);
    // A note, not a warning: nothing was found, the verdict has nothing to repeat.
    expect(await watch.stop('b')).toEqual({
      notes: [
        'nvidia-smi could not list the processes on the GPUs (--query-compute-apps): other loads on them were not checked',
      ],
      warnings: [],
    });
  });

  it('never started (no pid tracked): no check, no note', async () => {
    let calls = 0;
    const list = () => Promise.resolve((calls++, []));
    const watch = new ForeignAppWatch({ binary: 'unused', gpus: [gpu0], everyS: 0, list });
    expect(await watch.stop('b')).toEqual({ notes: [], warnings: [] });
    expect(calls).toBe(0);
  });
});

describe('foreignAppNote', () => {
  it.each([
    [{ gpu: gpu0, pid: 7, comm: 'python3', usedMiB: 20480 }, 'train'],
    [{ gpu: { index: 3, name: 'Tesla T4' }, pid: 8, comm: 'a b(c)', usedMiB: null }, undefined],
  ])('%j during %s', (app, benchmark) => {
    expect(foreignAppNote(app, benchmark)).toMatch(
      /^GPU \d \(.+\) also ran pid \d+ \([\w.+?-]+(, [\d,]+ MiB)?\) during .+: its energy includes that load$/,
    );
  });
});
