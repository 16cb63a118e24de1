/**
 * Measures the estimator sampler's own CPU cost at the default interval, as % of one core.
 * Method: this process tracks a real `sleep` process tree and samples /proc for WINDOW_S seconds;
 * its own CPU time (process.cpuUsage) over that window, minus the same window idle without the
 * sampler, divided by wall time, is the overhead. Run: npm run bench:overhead [-- seconds].
 */
import { spawn } from 'node:child_process';
import { DEFAULT_INTERVAL_S } from '../src/meter/defaults.js';
import { detectMachine } from '../src/meter/io/detect.js';
import { createEstimatorMeter } from '../src/meter/io/estimator-meter.js';
import { readSystemCpu, readTreeCpuS } from '../src/meter/io/procfs.js';

const WINDOW_S = Number(process.argv[2] ?? 20);
const sleep = (s: number) => new Promise<void>((r) => setTimeout(r, s * 1000));

async function cpuOver(seconds: number, during: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await during();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1e6 / seconds;
}

const machine = detectMachine();
const meter = createEstimatorMeter({
  params: machine.estimatorParams,
  logicalCpus: machine.topology.logicalCpus,
  intervalS: DEFAULT_INTERVAL_S,
});
const child = spawn('sh', ['-c', `sleep ${WINDOW_S * 3} & sleep ${WINDOW_S * 3}`], { stdio: 'ignore' });

await sleep(2); // let start-up work (module loading, JIT, GC) settle before the windows

// Direct cost of one snapshot (what each tick does), averaged over many.
const N = 2000;
const t0 = process.cpuUsage();
for (let i = 0; i < N; i++) {
  readSystemCpu();
  readTreeCpuS(child.pid!);
}
const t1 = process.cpuUsage(t0);
const perSnapshotS = (t1.user + t1.system) / 1e6 / N;

const idle = await cpuOver(WINDOW_S, () => sleep(WINDOW_S));
let samples = 0;
const sampled = await cpuOver(WINDOW_S, async () => {
  const session = meter.start();
  session.track(child.pid!);
  await sleep(WINDOW_S);
  samples = (await session.stop()).samples;
});
child.kill();

const overhead = Math.max(0, sampled - idle);
console.log(`interval: ${DEFAULT_INTERVAL_S * 1000} ms, window: ${WINDOW_S} s, samples: ${samples}`);
console.log(
  `process CPU idle: ${(idle * 100).toFixed(3)} % of one core; sampling: ${(sampled * 100).toFixed(3)} %`,
);
console.log(
  `sampler overhead: ${(overhead * 100).toFixed(3)} % of one core (${((overhead * WINDOW_S * 1000) / Math.max(1, samples)).toFixed(3)} ms CPU per sample)`,
);
const modelled = perSnapshotS / DEFAULT_INTERVAL_S;
console.log(
  `one snapshot: ${(perSnapshotS * 1000).toFixed(3)} ms CPU → ${(modelled * 100).toFixed(3)} % of one core at the default interval`,
);
const worst = Math.max(overhead, modelled);
console.log(
  `${worst <= 0.01 ? 'within' : 'OVER'} the 1 % budget (worst of the two: ${(worst * 100).toFixed(3)} %)`,
);
