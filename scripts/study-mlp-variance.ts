/**
 * Where does the TF.js MLP's run-to-run variation come from? Runs the reference suite's MLP training
 * (3,000 digits, 2 epochs, wasm) `runs` times per variant through the real runner and meter, and prints the
 * coefficient of variation of the whole run's energy and duration and of the task window's (model.fit)
 * energy, duration and CPU time. Variants change one thing each: V8's garbage collector and compiler
 * threads, the young generation's size (fewer scavenges), a warm-up batch before the window, and wasm
 * tier-up (Liftoff, then TurboFan in the background) replaced by optimised compilation up front.
 * Run after `npm run build`: npm run study:mlp-variance [-- --runs 8 --samples 3000 --reverse].
 */
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { TfjsSchema } from '../src/config/tfjs-schema.js';
import { DEFAULT_INTERVAL_S } from '../src/meter/defaults.js';
import { selectMeter } from '../src/meter/io/select-meter.js';
import type { TrackAttach } from '../src/meter/types.js';
import { spawnCommand } from '../src/runner/io/spawn-command.js';
import { runSuite } from '../src/runner/run-suite.js';
import { shellQuote } from '../src/runner/shell-quote.js';
import type { BenchmarkSpec } from '../src/runner/types.js';
import { resolveTfjsArgs } from '../src/tfjs/command.js';
import { tfjsRunnerPath } from '../src/tfjs/runner-path.js';
import { fixed, percentFixed } from '../src/text/format-number.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '8' },
    samples: { type: 'string', default: '3000' },
    // Variants in reverse order: a drift over the session must not pass for a variant's effect.
    reverse: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const samples = Number(values.samples);

const args = resolveTfjsArgs(
  TfjsSchema.parse({ model: 'mlp', task: 'train', samples, epochs: 2, seed: 42 }),
  process.cwd(),
);
const VARIANTS: { name: string; nodeFlags: string[]; env?: Record<string, string> }[] = [
  { name: 'as shipped', nodeFlags: [] },
  { name: 'GC on the main thread only (--single-threaded-gc)', nodeFlags: ['--single-threaded-gc'] },
  { name: 'no background threads (--single-threaded)', nodeFlags: ['--single-threaded'] },
  { name: 'larger young generation (--max-semi-space-size=64)', nodeFlags: ['--max-semi-space-size=64'] },
  { name: 'warm-up batch before the window', nodeFlags: [], env: { CARBON_GATE_TFJS_WARMUP: '1' } },
  // The wasm kernels start in Liftoff (baseline) and are recompiled by TurboFan on background threads;
  // when the faster code arrives depends on those threads' scheduling. --no-liftoff compiles with
  // TurboFan up front, before the window (at backend start-up): no tier-up inside it.
  { name: 'wasm compiled optimised up front (--no-liftoff)', nodeFlags: ['--no-liftoff'] },
  {
    name: '--no-liftoff --single-threaded-gc',
    nodeFlags: ['--no-liftoff', '--single-threaded-gc'],
  },
];

const sink = new Writable({ write: (_c, _e, cb) => cb() });
const { meter } = await selectMeter({ intervalS: DEFAULT_INTERVAL_S });
const deps = {
  meter,
  spawnBenchmark: (s: BenchmarkSpec, onPid: (p: number, attach?: TrackAttach) => void) =>
    spawnCommand(s, { output: sink, onPid }),
  progress: () => {},
};

function cv(xs: number[]): string {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  return percentFixed(sd / mean, 1);
}

console.log(
  `MLP training, ${samples} digits × 2 epochs, wasm; ${runs} runs per variant, one warmup; meter ${meter.describe().cpu}; coefficient of variation:`,
);
for (const v of values.reverse ? [...VARIANTS].reverse() : VARIANTS) {
  const run = shellQuote([process.execPath, ...v.nodeFlags, tfjsRunnerPath(), JSON.stringify(args)]);
  const spec: BenchmarkSpec = {
    name: v.name,
    kind: 'training',
    run,
    cwd: process.cwd(),
    env: v.env ?? {},
    repeat: runs,
    warmup: 1,
    timeoutS: 600,
  };
  const [result] = await runSuite([spec], deps);
  if (!result || result.status !== 'ok') throw new Error(`${v.name}: ${result?.reason}`);
  const m = result.samples.map((s) => s.measurement);
  const task = m.map((x) => x.task);
  if (task.some((t) => !t)) throw new Error(`${v.name}: a run without a task window`);
  const t = task as NonNullable<(typeof task)[number]>[];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `${v.name}: whole run energy ${cv(m.map((x) => x.energyJ))}, duration ${cv(m.map((x) => x.durationS))} (mean ${fixed(mean(m.map((x) => x.durationS)), 2)} s); window energy ${cv(t.map((x) => x.energyJ))}, duration ${cv(t.map((x) => x.durationS))} (mean ${fixed(mean(t.map((x) => x.durationS)), 2)} s), CPU ${cv(t.map((x) => x.processCpuS))} (mean ${fixed(mean(t.map((x) => x.processCpuS)), 2)} s)`,
  );
}
