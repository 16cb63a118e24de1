/**
 * The metering process's own CPU cost, measured from outside it (issue 13 §5), as % of one core.
 *
 * Method: start the built CLI `node dist/cli.js meter -- sleep N` (the default 500 ms interval) and, beside
 * it for the same windows, two reference Node processes: the runtime idle, and the runtime waking every
 * 500 ms for nothing (the floor any timer-driven sampler pays). Let start-up settle, then read each
 * process's utime+stime from /proc/<pid>/stat (all its threads: JS, GC, libuv, timers) at the start and
 * end of WINDOWS consecutive windows of WINDOW_S seconds (the median and the spread are printed). In-process deltas (process.cpuUsage around a
 * sleep) were dropped: their idle baseline was noisier than the effect. CPU time per process does not
 * depend on what else runs on the machine; the machine's busy share (/proc/stat) and load are printed as
 * context only. The figure judged against the 0.2 % target is the whole meter process.
 *
 * Run: npm run build && npm run bench:overhead [-- seconds [windows]] (default 30 s × 3 windows).
 * CARBON_GATE_BENCH_CLI=path/to/cli.js measures another build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_INTERVAL_S } from '../src/meter/defaults.js';

const WINDOW_S = Number(process.argv[2] ?? 30);
const WINDOWS = Number(process.argv[3] ?? 3);
/**
 * Start-up (module loading, machine detection, spawning the command, and V8's one-off memory-reducer
 * collections some 15 s after start) is a fixed cost, not a per-sample one: printed apart, before the windows.
 */
const SETTLE_S = 20;
const TARGET = 0.002;
/** USER_HZ: /proc reports CPU time in ticks of 1/100 s. */
const HZ = 100;

if (process.platform !== 'linux') throw new Error('bench:overhead reads /proc: Linux only');
if (!(WINDOW_S >= 30) || !(WINDOWS >= 1))
  throw new Error('usage: bench:overhead [-- seconds ≥ 30 [windows ≥ 1]]');
const cli = path.resolve(process.env.CARBON_GATE_BENCH_CLI ?? 'dist/cli.js');
if (!existsSync(cli)) throw new Error(`${cli} not found: run npm run build first`);

/** utime + stime of the whole process (every thread, live or exited), in seconds. */
function processCpuS(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / HZ; // fields 14 and 15
}

/** On-CPU nanoseconds of the live threads (/proc/<pid>/task/<tid>/schedstat): finer than ticks. */
function threadsCpuS(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`))
    ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  return ns / 1e9;
}

function machineBusy(): { busy: number; total: number } {
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
  const busy = user + nice + system + irq + softirq;
  return { busy, total: busy + idle + iowait + steal };
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();
const pct = (x: number) => `${(x * 100).toFixed(3)} %`;

const total = SETTLE_S + WINDOW_S * WINDOWS + 10;
const cwd = mkdtempSync(path.join(os.tmpdir(), 'cg-overhead-')); // no carbon-gate.yml is found there
const subjects: { name: string; child: ChildProcess }[] = [
  {
    name: 'carbon-gate meter',
    child: spawn(process.execPath, [cli, 'meter', '--', 'sleep', String(total)], { cwd, stdio: 'ignore' }),
  },
  {
    name: 'Node idle',
    child: spawn(process.execPath, ['-e', 'setInterval(() => {}, 2 ** 30)'], { stdio: 'ignore' }),
  },
  {
    name: 'Node, empty 500 ms timer',
    child: spawn(process.execPath, ['-e', `setInterval(() => {}, ${DEFAULT_INTERVAL_S * 1000})`], {
      stdio: 'ignore',
    }),
  },
];
const exited = new Set<string>();
for (const s of subjects) s.child.on('exit', () => exited.add(s.name));

try {
  console.log(`CLI: ${path.relative(process.cwd(), cli) || cli}; interval ${DEFAULT_INTERVAL_S * 1000} ms`);
  console.log(`${WINDOWS} window(s) of ${WINDOW_S} s after ${SETTLE_S} s of start-up; loadavg ${loadavg()}`);
  await sleep(SETTLE_S * 1000);
  const startup = subjects.map((sub) => processCpuS(sub.child.pid!));
  console.log(
    `start-up, first ${SETTLE_S} s: ${subjects.map((sub, i) => `${sub.name} ${(startup[i]! * 1000).toFixed(0)} ms of CPU`).join('; ')}`,
  );
  const perWindow: number[][] = subjects.map(() => []);
  const finePerWindow: number[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    const pids = subjects.map((s) => s.child.pid!);
    const t0 = performance.now();
    const cpu0 = pids.map(processCpuS);
    const fine0 = threadsCpuS(pids[0]!);
    const sys0 = machineBusy();
    await sleep(WINDOW_S * 1000);
    const cpu1 = pids.map(processCpuS);
    const fine1 = threadsCpuS(pids[0]!);
    const sys1 = machineBusy();
    const wall = (performance.now() - t0) / 1000;
    if (exited.size) throw new Error(`${[...exited].join(', ')} exited during the window: figure void`);
    cpu1.forEach((c, i) => perWindow[i]!.push((c - cpu0[i]!) / wall));
    finePerWindow.push((fine1 - fine0) / wall);
    const machine = (sys1.busy - sys0.busy) / (sys1.total - sys0.total);
    const row = subjects.map((s, i) => `${s.name} ${pct(perWindow[i]![w]!)}`).join('; ');
    console.log(`window ${w + 1}: ${row}; machine busy ${pct(machine)} of all cores; loadavg ${loadavg()}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const spread = (xs: number[]) => `${pct(Math.min(...xs))}–${pct(Math.max(...xs))}`;
  const [meter, idle, timer] = perWindow.map(median) as [number, number, number];
  const samplesPerS = 1 / DEFAULT_INTERVAL_S;
  console.log('');
  for (const [i, s] of subjects.entries())
    console.log(`${s.name}: ${pct(median(perWindow[i]!))} of one core (median; ${spread(perWindow[i]!)})`);
  console.log(
    `meter threads, schedstat ns (live threads only, finer than ticks): ${pct(median(finePerWindow))} (${spread(finePerWindow)})`,
  );
  console.log(
    `meter: ${((meter * 1000) / samplesPerS).toFixed(2)} ms of CPU per sample, whole process; ` +
      `${(((meter - idle) * 1000) / samplesPerS).toFixed(2)} ms above the idle runtime, ` +
      `${(((meter - timer) * 1000) / samplesPerS).toFixed(2)} ms above an empty 500 ms timer`,
  );
  console.log(
    `judged (whole meter process): ${pct(meter)} of one core — ${meter <= TARGET ? 'within' : 'OVER'} the ${pct(TARGET)} target`,
  );
} finally {
  // The meter's benchmark (`sleep`) would outlive a SIGKILL of the meter: end its descendants by pid too.
  const doomed = [...descendants(subjects[0]!.child.pid!), ...subjects.map((s) => s.child.pid!)];
  for (const pid of doomed) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  rmSync(cwd, { recursive: true, force: true });
}

function descendants(pid: number): number[] {
  let kids: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`))
      kids = kids.concat(
        readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
      );
  } catch {
    return [];
  }
  return kids.flatMap((k) => [k, ...descendants(k)]);
}
