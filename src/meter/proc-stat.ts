/** Pure parsers for Linux /proc text. Ticks are USER_HZ (100 per second on every mainstream kernel). */

export interface SystemCpuTicks {
  busy: number;
  total: number;
}

/** Aggregate `cpu` line of /proc/stat. iowait counts as idle; guest time is already inside user. */
export function parseProcStat(text: string): SystemCpuTicks | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  if (v.length < 4 || v.some((n) => !Number.isFinite(n))) return null;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
  const busy = user + nice + system + irq + softirq;
  return { busy, total: busy + idle + iowait + steal };
}

export interface PidCpu {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime: the process and its reaped children. */
  ticks: number;
  /** cutime + cstime alone: children this process has reaped. */
  childTicks: number;
}

/** /proc/<pid>/stat; the command name may hold spaces and parentheses, so split after the last ')'. */
export function parsePidStat(text: string): PidCpu | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const pid = Number(text.slice(0, text.indexOf('(')).trim());
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state); utime..cstime are fields 14..17.
  const ppid = Number(rest[1]);
  const childTicks = Number(rest[13]) + Number(rest[14]);
  const ticks = Number(rest[11]) + Number(rest[12]) + childTicks;
  if (![pid, ppid, ticks].every(Number.isFinite)) return null;
  return { pid, ppid, ticks, childTicks };
}

/** Sum of CPU ticks over the tree rooted at `root`, given every readable process. */
export function treeTicks(root: number, processes: readonly PidCpu[]): number {
  const children = new Map<number, PidCpu[]>();
  for (const p of processes) {
    const list = children.get(p.ppid) ?? [];
    list.push(p);
    children.set(p.ppid, list);
  }
  const self = processes.find((p) => p.pid === root);
  if (!self) return 0;
  let sum = 0;
  const stack = [self];
  const seen = new Set<number>();
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p.pid)) continue;
    seen.add(p.pid);
    sum += p.ticks;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return sum;
}
