import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { parsePidStat, parseProcStat, treeTicks, type PidCpu } from '../proc-stat.js';

/** USER_HZ: /proc reports CPU time in ticks of 1/100 s on every mainstream Linux build. */
const TICKS_PER_S = 100;

/** Where /proc lives; tests point it at a fake tree. */
export function procRoot(): string {
  return process.env.CARBON_GATE_PROC_ROOT ?? '/proc';
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** System CPU counters: /proc/stat on Linux, else os.cpus() times (ms). */
export function readSystemCpu(): { busy: number; total: number; source: 'proc' | 'os.cpus' } {
  const stat = process.platform === 'linux' ? read(`${procRoot()}/stat`) : null;
  const parsed = stat ? parseProcStat(stat) : null;
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

function readPid(pid: number): PidCpu | null {
  const text = read(`${procRoot()}/${pid}/stat`);
  return text ? parsePidStat(text) : null;
}

/** Child pids from /proc/<pid>/task/<tid>/children (CONFIG_PROC_CHILDREN), or null when absent. */
function childrenOf(pid: number): number[] | null {
  let tids: string[];
  try {
    tids = readdirSync(`${procRoot()}/${pid}/task`);
  } catch {
    return null;
  }
  const out: number[] = [];
  for (const tid of tids) {
    const text = read(`${procRoot()}/${pid}/task/${tid}/children`);
    if (text === null) return null;
    for (const p of text.split(/\s+/)) if (p) out.push(Number(p));
  }
  return out;
}

/** Every process, for kernels without the children file: costlier, so only a fallback. */
function allProcesses(): PidCpu[] {
  const out: PidCpu[] = [];
  for (const name of readdirSync(procRoot())) {
    if (!/^\d+$/.test(name)) continue;
    const p = readPid(Number(name));
    if (p) out.push(p);
  }
  return out;
}

/** CPU seconds of the process tree rooted at `root` (0 when it is gone or off Linux). */
export function readTreeCpuS(root: number): number {
  if (process.platform !== 'linux') return 0;
  const rootStat = readPid(root);
  if (!rootStat) return 0;
  if (childrenOf(root) === null) return treeTicks(root, allProcesses()) / TICKS_PER_S;
  let ticks = 0;
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const p = pid === root ? rootStat : readPid(pid);
    if (!p) continue;
    ticks += p.ticks;
    stack.push(...(childrenOf(pid) ?? []));
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
