import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import {
  parseChildrenBytes,
  parsePidStat,
  parsePidStatBytes,
  parseProcStat,
  parseProcStatBytes,
  treeTicks,
  type PidCpu,
  type PidStat,
} from '../proc-stat.js';
import { ProcFileReader } from './proc-reader.js';

/** USER_HZ: /proc reports CPU time in ticks of 1/100 s on every mainstream Linux build. */
const TICKS_PER_S = 100;

/** Where /proc lives; tests point it at a fake tree. */
export function procRoot(): string {
  return process.env.CARBON_GATE_PROC_ROOT ?? '/proc';
}

/**
 * The sampler reads a few /proc files every tick for the whole benchmark: through one reused buffer and,
 * on the real /proc, files kept open (proc-reader.ts), so that a tick allocates almost nothing.
 */
const files = new ProcFileReader();
const keepOpen = (root: string) => root === '/proc';
/** The aggregate `cpu` line is the first of /proc/stat and far shorter than this. */
const STAT_HEAD_BYTES = 512;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** System CPU counters: /proc/stat on Linux, else os.cpus() times (ms). */
export function readSystemCpu(): { busy: number; total: number; source: 'proc' | 'os.cpus' } {
  const parsed = process.platform === 'linux' ? readProcStat(procRoot()) : null;
  if (parsed) return { ...parsed, source: 'proc' };
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total, source: 'os.cpus' };
}

function readProcStat(root: string): { busy: number; total: number } | null {
  const n = files.read(`${root}/stat`, keepOpen(root), STAT_HEAD_BYTES);
  if (n < 0) return null;
  // A layout the byte parser does not take (a fake file in a test): the whole text, parsed as before.
  const fast = parseProcStatBytes(files.bytes, n);
  if (fast) return fast;
  const text = read(`${root}/stat`);
  return text ? parseProcStat(text) : null;
}

function readPid(pid: number): PidStat | null {
  const root = procRoot();
  const n = files.read(`${root}/${pid}/stat`, keepOpen(root));
  return n > 0 ? parsePidStatBytes(files.bytes, n) : null;
}

/**
 * Child pids from /proc/<pid>/task/<tid>/children (CONFIG_PROC_CHILDREN), or null when absent. A live
 * process with one thread has one task, itself: its children file is read without listing the tasks.
 */
function childrenOf(pid: number, stat?: PidStat | null): number[] | null {
  const root = procRoot();
  let tids: (string | number)[] = [pid];
  if (!(stat && stat.threads === 1 && stat.state !== 'Z' && stat.state !== 'X')) {
    try {
      tids = readdirSync(`${root}/${pid}/task`);
    } catch {
      return null;
    }
  }
  const out: number[] = [];
  for (const tid of tids) {
    const n = files.read(`${root}/${pid}/task/${tid}/children`, keepOpen(root));
    if (n < 0) return null;
    parseChildrenBytes(files.bytes, n, out);
  }
  return out;
}

/** Every process, for kernels without the children file: costlier, so only a fallback. */
function allProcesses(): PidCpu[] {
  const out: PidCpu[] = [];
  for (const name of readdirSync(procRoot())) {
    if (!/^\d+$/.test(name)) continue;
    const text = read(`${procRoot()}/${name}/stat`); // not kept open: one read of every process
    const p = text ? parsePidStat(text) : null;
    if (p) out.push(p);
  }
  return out;
}

/**
 * CPU seconds of the process tree rooted at `root` (0 when it is gone or off Linux). `onSeen` is told each
 * descendant walked (the runner's process record, so the tree is walked once per tick: TreeWatch).
 */
export function readTreeCpuS(root: number, onSeen?: (pid: number) => void): number {
  if (process.platform !== 'linux') return 0;
  const rootStat = readPid(root);
  if (!rootStat) return 0;
  const rootChildren = childrenOf(root, rootStat);
  if (rootChildren === null) return treeTicks(root, allProcesses(), onSeen) / TICKS_PER_S;
  let ticks = rootStat.ticks;
  if (rootChildren.length === 0) return ticks / TICKS_PER_S; // the usual case: no Set, no stack
  const stack = rootChildren;
  const seen = new Set<number>([root]);
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const p = readPid(pid);
    if (!p) continue;
    onSeen?.(pid);
    ticks += p.ticks;
    stack.push(...(childrenOf(pid, p) ?? []));
  }
  return ticks / TICKS_PER_S;
}

/** CPU seconds of children this process has reaped: exact for a benchmark once it has exited. */
export function readReapedChildrenCpuS(): number | null {
  if (process.platform !== 'linux') return null;
  const self = read('/proc/self/stat');
  const parsed = self ? parsePidStat(self) : null;
  return parsed ? parsed.childTicks / TICKS_PER_S : null;
}

export function readText(path: string): string | null {
  return read(path);
}
