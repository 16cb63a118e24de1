import { describe, expect, it } from 'vitest';
import { GpuEnergyIntegrator } from '../../src/meter/nvidia-energy.js';
import type { NvidiaGpu } from '../../src/meter/nvidia-parse.js';

const H100 = 'NVIDIA H100 80GB HBM3';
const two: NvidiaGpu[] = [
  { index: 0, uuid: 'GPU-0', name: H100 },
  { index: 1, uuid: 'GPU-1', name: H100 },
];

/** Lines of a steady two-GPU run: one sample every `dt` s from `from` to `to`, all lines in one chunk. */
function steady(w0: number, w1: number, from: number, to: number, dt: number): [number, string][] {
  const out: [number, string][] = [];
  for (let t = from; t <= to + 1e-9; t += dt) out.push([t, `0, ${H100}, ${w0}`], [t, `1, ${H100}, ${w1}`]);
  return out;
}

function run(known: NvidiaGpu[], lines: [number, string][], window: [number, number], intervalS = 0.1) {
  const acc = new GpuEnergyIntegrator(known);
  for (const [t, line] of lines) acc.addLine(line, t);
  return acc.result(window[0], window[1], intervalS);
}

describe('GpuEnergyIntegrator: energy', () => {
  it.each<{
    name: string;
    known: NvidiaGpu[];
    lines: [number, string][];
    window: [number, number];
    joules: number[];
  }>([
    {
      name: 'constant 250 W and 100 W for 2 s, edges held',
      known: two,
      lines: steady(250, 100, 0.05, 1.95, 0.1),
      window: [0, 2],
      joules: [500, 200],
    },
    {
      name: 'a linear ramp 0 → 200 W is exact under the trapezoid rule',
      known: [{ index: 0, uuid: 'GPU-0', name: H100 }],
      lines: [0, 0.25, 0.5, 0.75, 1].map((t) => [t, `0, ${H100}, ${t * 200}`] as [number, string]),
      window: [0, 1],
      joules: [100],
    },
    {
      name: 'first reading held back to the start, last held to the end',
      known: [{ index: 0, uuid: 'GPU-0', name: H100 }],
      lines: [
        [1, `0, ${H100}, 100`],
        [2, `0, ${H100}, 200`],
      ],
      window: [0, 3],
      joules: [100 + 150 + 200],
    },
    {
      name: "a sample's second line arriving late still takes the sample's time",
      known: two,
      lines: [
        [0, `0, ${H100}, 10`],
        [0.3, `1, ${H100}, 100`],
        [1, `0, ${H100}, 10`],
        [1.3, `1, ${H100}, 300`],
      ],
      window: [0, 2],
      // GPU 1 at t = 0 and 1: 200 J between, 300 W held for the last second.
      joules: [20, 500],
    },
    {
      name: '[N/A] mid-run is skipped and bridged linearly',
      known: [{ index: 0, uuid: 'GPU-0', name: H100 }],
      lines: [
        [0, `0, ${H100}, 100`],
        [1, `0, ${H100}, [N/A]`],
        [2, `0, ${H100}, 300`],
      ],
      window: [0, 2],
      joules: [400],
    },
    {
      name: 'a GPU with no valid reading counts 0 J; the other is unaffected',
      known: two,
      lines: [0, 1, 2].flatMap((t) => [
        [t, `0, ${H100}, 50`],
        [t, `1, ${H100}, [Not Supported]`],
      ]) as [number, string][],
      window: [0, 2],
      joules: [100, 0],
    },
    {
      name: 'unreadable lines are ignored',
      known: [{ index: 0, uuid: 'GPU-0', name: H100 }],
      lines: [
        [0, `0, ${H100}, 100`],
        [0.5, 'Unable to determine the device handle for GPU0000:17:00.0: Unknown Error'],
        [1, `0, ${H100}, 100`],
      ],
      window: [0, 1],
      joules: [100],
    },
    { name: 'no lines at all', known: two, lines: [], window: [0, 1], joules: [0, 0] },
    {
      name: 'a run shorter than start-up: the first reading, after the end, stands for the window',
      known: [{ index: 0, uuid: 'GPU-0', name: H100 }],
      lines: [[1.5, `0, ${H100}, 200`]],
      window: [0, 1],
      joules: [200],
    },
  ])('$name', ({ known, lines, window, joules }) => {
    const m = run(known, lines, window);
    const total = joules.reduce((a, b) => a + b, 0);
    expect(m.gpus?.map((g) => g.energyJ)).toEqual(joules.map((j) => expect.closeTo(j, 6)));
    expect(m.energyJ).toBeCloseTo(total, 6);
    expect(m.breakdownJ).toEqual({ cpu: 0, memory: 0, gpu: m.energyJ });
    expect(m.durationS).toBeCloseTo(window[1] - window[0], 9);
    expect([m.utilisation, m.processCpuS, m.processShare, m.samples]).toEqual([0, 0, 0, 0]);
  });

  it('counts integrated and skipped readings per GPU, and adds GPUs it was not told about', () => {
    const m = run(
      [{ index: 0, uuid: 'GPU-0', name: H100 }],
      [
        [0, `0, ${H100}, 100`],
        [0, '1, Tesla T4, 20'],
        [1, `0, ${H100}, [N/A]`],
        [1, '1, Tesla T4, 20'],
        [2, `0, ${H100}, 100`],
        [2, '1, Tesla T4, 20'],
      ],
      [0, 2],
    );
    expect(m.gpus).toEqual([
      { index: 0, name: H100, energyJ: 200, samples: 2, skipped: 1 },
      { index: 1, name: 'Tesla T4', energyJ: 40, samples: 3, skipped: 0 },
    ]);
  });
});

describe('GpuEnergyIntegrator: notes', () => {
  it.each<{ name: string; lines: [number, string][]; window: [number, number]; note: RegExp | null }>([
    { name: 'steady run: none', lines: steady(250, 100, 0.05, 1.95, 0.1), window: [0, 2], note: null },
    {
      name: 'skipped readings',
      lines: [
        [0, `0, ${H100}, 100`],
        [1, `0, ${H100}, [N/A]`],
        [2, `0, ${H100}, 100`],
      ],
      window: [0, 2],
      note: /^GPU 0 \(NVIDIA H100 80GB HBM3\): 1 of 3 power readings skipped \(\[N\/A\]\)/,
    },
    {
      name: 'no valid reading',
      lines: [[0, `0, ${H100}, [Not Supported]`]],
      window: [0, 1],
      note: /^GPU 0 .*: no valid power reading in 1\.0 s \(1 skipped: \[Not Supported\]\); its energy is counted as 0 J/,
    },
    {
      name: 'no line for a known GPU',
      lines: [],
      window: [0, 1],
      note: /^GPU 0 .*: no valid power reading in 1\.0 s \(nvidia-smi printed no line for it\)/,
    },
    {
      name: 'late first reading',
      lines: steady(100, 100, 1.5, 3, 0.1),
      window: [0, 3],
      note: /^GPU 0 .*: first power reading 1\.5 s after the start/,
    },
    {
      name: 'silence mid-run',
      lines: [...steady(100, 100, 0, 1, 0.1), ...steady(100, 100, 3, 4, 0.1)],
      window: [0, 4],
      note: /^GPU 0 .*: no power reading for 2\.0 s \(1\.0 s to 3\.0 s into the run\)/,
    },
    {
      name: 'silence at the end',
      lines: steady(120, 100, 0, 1, 0.1),
      window: [0, 4],
      note: /^GPU 0 .*: no power reading in the last 3\.0 s; the last one \(120 W\) is assumed to hold to the end/,
    },
    {
      name: 'only a reading after the end',
      lines: [[1.4, `0, ${H100}, 200`]],
      window: [0, 1],
      note: /^GPU 0 .*: no power reading during the 1\.0 s run; the first one, 0\.4 s after its end \(200 W\), is assumed throughout$/,
    },
    {
      name: 'unreadable output',
      lines: [[0, 'Failed to initialize NVML: Unknown Error']],
      window: [0, 0.05],
      note: /^nvidia-smi printed 1 unreadable line\(s\), ignored \(first: "Failed to initialize NVML: Unknown Error"\)/,
    },
    {
      name: 'samples bunched into one chunk (buffered output)',
      lines: [0, 1, 2, 3, 4, 5].flatMap(() => [[1, `0, ${H100}, 100`]]) as [number, string][],
      window: [0.95, 1.05],
      note: /^5 of 6 nvidia-smi samples arrived bunched with the previous one/,
    },
  ])('$name', ({ lines, window, note }) => {
    const m = run([{ index: 0, uuid: 'GPU-0', name: H100 }], lines, window);
    const gpu0 = m.notes.filter((n) => !n.startsWith('GPU 1 '));
    if (note) expect(gpu0).toContainEqual(expect.stringMatching(note));
    else expect(gpu0).toEqual([]);
  });

  it('puts the caller’s notes first', () => {
    const acc = new GpuEnergyIntegrator([{ index: 0, uuid: 'GPU-0', name: H100 }]);
    const m = acc.result(0, 1, 0.1, ['nvidia-smi stopped early']);
    expect(m.notes[0]).toBe('nvidia-smi stopped early');
  });

  it('keeps control characters from nvidia-smi out of notes', () => {
    const m = run([], [[0, '\u001b[31mboom']], [0, 1]);
    expect(m.notes[0]).toContain('?[31mboom');
  });
});
