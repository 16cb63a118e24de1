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

const WINDOW_S = Number(process.argv[2] ?? 20);
const sleep = (s: number) => new Promise<void>((r) => setTimeout(r, s * 1000));

async function cpuOver(seconds: number, during: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await during();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1e6 / seconds;
}

const machine = detectMachine();
const meter = createEstimatorMeter({ profile: machine.profile, logicalCpus: machine.topology.logicalCpus, intervalS: DEFAULT_INTERVAL_S });
const child = spawn('sh', ['-c', `sleep ${WINDOW_S * 3} & sleep ${WINDOW_S * 3}`], { stdio: 'ignore' });

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
console.log(`process CPU idle: ${(idle * 100).toFixed(3)} % of one core; sampling: ${(sampled * 100).toFixed(3)} %`);
console.log(`sampler overhead: ${(overhead * 100).toFixed(3)} % of one core (${((overhead * WINDOW_S * 1000) / Math.max(1, samples)).toFixed(3)} ms CPU per sample)`);
console.log(overhead <= 0.01 ? 'within the 1 % budget' : 'OVER the 1 % budget');
