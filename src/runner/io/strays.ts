import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { METRICS_ENV } from '../metrics-file.js';
import { readEnviron } from './proc-environ.js';
import { isDead, parseStat, scanProc, type ProcInfo } from './process-tree.js';

/**
 * What a benchmark leaves running that its process tree (process-tree.ts) cannot show (issue 1). A
 * double fork — `(setsid env -i sh -c '…' &)` — re-parents a process to init, or to the nearest
 * subreaper, within microseconds, before any walk of the tree can see it; `env -i` drops the
 * environment marker; setsid leaves the process group. Two answers:
 *
 * - **Another user** (`runAs`): a user dedicated to the benchmarks owns nothing else, so after each run
 *   every process of its uid is ended: a tiny killer started as that uid sends SIGKILL to -1, which
 *   reaches every process it may signal (its own) and nobody else's. A user that already runs
 *   processes when the first benchmark is to start is refused (busyUserReason).
 * - **Carbon-gate's own uid**: orphans are looked for — processes of our uid whose parent is init or
 *   the subreaper our children's orphans go to (found once by a probe), that started since the
 *   benchmark did, in our cgroup (a desktop's apps and services live in cgroups of their own), that
 *   are not our ancestors, and that hold no other carbon-gate run's marker (a second run beside this
 *   one). The limit that remains: a process that starts after this scan (a daemon that sleeps first
 *   and forks later) is not found; nor is one that moved itself to another cgroup or planted another
 *   run's marker. Only `runAs` isolates; Node cannot make carbon-gate a subreaper (prctl).
 */

const KILLER_LIMIT_MS = 2000;
/** How long the processes SIGKILLed are waited for (one in uninterruptible sleep dies when it wakes). */
const GONE_WAIT_MS = 500;

export interface RunUser {
  uid: number;
  gid: number;
}

function readSync(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Real and saved uid of a process (the two kill(2) compares with the sender's), from its status file. */
function uidsOf(procRoot: string, pid: number): [number, number] | null {
  const line = /^Uid:\s+(\d+)\s+\d+\s+(\d+)/m.exec(readSync(`${procRoot}/${pid}/status`) ?? '');
  return line ? [Number(line[1]), Number(line[2])] : null;
}

const ofUid = (procRoot: string, pid: number, uid: number) => uidsOf(procRoot, pid)?.includes(uid) ?? false;

/** The running processes (zombies aside) that a process of `uid` may signal. */
export function userProcesses(uid: number, procRoot: string): ProcInfo[] {
  return [...scanProc(procRoot).values()].filter((p) => !isDead(p) && ofUid(procRoot, p.pid, uid));
}

/** Why the user cannot be the benchmarks' (it already runs processes), or undefined when it can. */
export function busyUserReason(user: RunUser, procRoot: string, describe: (p: ProcInfo[]) => string) {
  const busy = userProcesses(user.uid, procRoot);
  if (!busy.length) return undefined;
  const n = busy.length;
  return (
    `user ${user.uid} already has ${n} process${n === 1 ? '' : 'es'} running (${describe(busy)}): ` +
    'the benchmark user must be dedicated to the benchmarks, since every process of it is ended after each run'
  );
}

// procps and util-linux kill take "-KILL -- -1"; the shell's builtin is the fallback.
const KILLERS: [string, string[]][] = [
  ['/bin/kill', ['-KILL', '--', '-1']],
  ['/bin/sh', ['-c', 'kill -s KILL -- -1']],
];

/** Starts the killer as `user` and waits (at most KILLER_LIMIT_MS) for it to exit. Never throws. */
export function killEveryProcessOf(user: RunUser, attempt = 0): Promise<void> {
  const usable = KILLERS.filter(([cmd]) => existsSync(cmd));
  const [cmd, args] = usable[attempt % Math.max(1, usable.length)] ?? KILLERS[1]!;
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(cmd, args, { uid: user.uid, gid: user.gid, cwd: '/', env: {}, stdio: 'ignore' });
    } catch {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, KILLER_LIMIT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    child.once('error', done);
    child.once('exit', done);
  });
}

/** Ends every process of `user` (see the file comment); returns those that were running. */
export async function endUserProcesses(user: RunUser, procRoot: string): Promise<ProcInfo[]> {
  const ended = new Map<string, ProcInfo>();
  for (let round = 0; round < 3; round++) {
    const left = userProcesses(user.uid, procRoot);
    if (!left.length) break;
    for (const p of left) ended.set(`${p.pid}:${p.startTime}`, p);
    // A fork bomb's children, or a killer that could not signal: another round, with the other killer.
    await killEveryProcessOf(user, round);
    const deadline = performance.now() + GONE_WAIT_MS;
    while (userProcesses(user.uid, procRoot).length && performance.now() < deadline) await delay(20);
  }
  return [...ended.values()].sort((a, b) => a.pid - b.pid);
}

const reaperProbes = new Map<string, Promise<number | null>>();

/**
 * Where an orphan of our children goes: init, or the nearest subreaper (systemd --user on a desktop).
 * Found once, by starting a shell that leaves a sleep behind. The sleep carries an empty metrics
 * marker, so that another carbon-gate's orphan search never counts it. Null when unknown.
 */
export function childReaper(procRoot: string): Promise<number | null> {
  let probe = reaperProbes.get(procRoot);
  if (!probe) reaperProbes.set(procRoot, (probe = probeReaper(procRoot)));
  return probe;
}

function probeReaper(procRoot: string): Promise<number | null> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn('/bin/sh', ['-c', 'sleep 5 </dev/null >/dev/null 2>&1 & echo $!'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', [METRICS_ENV]: '' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const timer = setTimeout(() => finish(), KILLER_LIMIT_MS);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const pid = Number(out.trim());
      if (!Number.isInteger(pid) || pid <= 1) return resolve(null);
      const p = parseStat(readSync(`${procRoot}/${pid}/stat`) ?? '');
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
      resolve(p && p.ppid !== pid ? p.ppid : null);
    };
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', () => finish());
    child.once('close', () => finish());
  });
}

/** Our ancestors, this process included: never orphans of a benchmark. */
function ancestors(procRoot: string): Set<number> {
  const out = new Set<number>();
  for (let pid = process.pid; pid > 0 && !out.has(pid);) {
    out.add(pid);
    pid = parseStat(readSync(`${procRoot}/${pid}/stat`) ?? '')?.ppid ?? 0;
  }
  return out;
}

/** Whether the process's environment holds another carbon-gate run's marker (not `ours`). */
async function othersMarker(procRoot: string, pid: number, ours: string): Promise<boolean> {
  const env = (await readEnviron(`${procRoot}/${pid}/environ`)) ?? '';
  return env.split('\0').some((e) => e.startsWith(`${METRICS_ENV}=`) && e !== ours);
}

/**
 * A ProcessTree `orphans` search for a benchmark run as carbon-gate's own uid (see the file comment):
 * `marker` is the run's own `NAME=value`. Nothing when the benchmark's start time is unknown.
 */
export function orphanSearch(procRoot: string, marker: string) {
  return async (all: ReadonlyMap<number, ProcInfo>, since: number | undefined): Promise<ProcInfo[]> => {
    const uid = process.getuid?.();
    if (since === undefined || uid === undefined) return [];
    const reaper = await childReaper(procRoot);
    // Were we the reaper (pid 1 of a container), our own children could not be told from orphans.
    const reapers = new Set([1, ...(reaper === null ? [] : [reaper])]);
    reapers.delete(process.pid);
    const ours = ancestors(procRoot);
    const cgroup = readSync(`${procRoot}/${process.pid}/cgroup`);
    const candidates = [...all.values()].filter(
      (p) =>
        reapers.has(p.ppid) &&
        Number(p.startTime) >= since &&
        !ours.has(p.pid) &&
        !isDead(p) &&
        ofUid(procRoot, p.pid, uid) &&
        (cgroup === null || readSync(`${procRoot}/${p.pid}/cgroup`) === cgroup),
    );
    const found: ProcInfo[] = [];
    for (const p of candidates) if (!(await othersMarker(procRoot, p.pid, marker))) found.push(p);
    return found;
  };
}
