/** Pure parsers for Linux /proc text. Ticks are USER_HZ (100 per second on every mainstream kernel). */

export interface SystemCpuTicks {
  busy: number;
  total: number;
}

/** Aggregate `cpu` line of /proc/stat. iowait counts as idle; guest time is already inside user. */
export function parseProcStat(text: string): SystemCpuTicks | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  return systemTicks(line.trim().split(/\s+/).slice(1).map(Number));
}

/** Busy and total ticks from the `cpu` line's numbers (user nice system idle iowait irq softirq steal …). */
function systemTicks(v: readonly number[]): SystemCpuTicks | null {
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

/** Sum of CPU ticks over the tree rooted at `root`, given every readable process; `onSeen` hears each descendant. */
export function treeTicks(
  root: number,
  processes: readonly PidCpu[],
  onSeen?: (pid: number) => void,
): number {
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
    if (p.pid !== root) onSeen?.(p.pid);
    sum += p.ticks;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return sum;
}

/*
 * Byte parsers for the sampler's hot path (issue 13 §5): they read the numbers straight from the bytes
 * /proc returned, so a sample allocates no strings and gives the garbage collector nothing to do.
 */

const SPACE = 0x20;
const NEWLINE = 0x0a;
const ZERO = 0x30;
const MINUS = 0x2d;

/** Fields of /proc/<pid>/stat the meter uses. */
export interface PidStat extends PidCpu {
  /** Field 3: R, S, D, Z (zombie), X (dead), … */
  state: string;
  /** Field 20: live threads; NaN when the file is cut short (fake trees in tests). */
  threads: number;
}

/** The integer in `buf[from, to)`, or NaN when it holds anything but an optional minus and digits. */
function intAt(buf: Uint8Array, from: number, to: number): number {
  let i = from;
  const negative = buf[i] === MINUS;
  if (negative) i++;
  if (i >= to) return NaN;
  let n = 0;
  for (; i < to; i++) {
    const d = buf[i]! - ZERO;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return negative ? -n : n;
}

/** Aggregate `cpu` line of /proc/stat when it is the first line (as the kernel writes it), else null. */
export function parseProcStatBytes(buf: Uint8Array, length: number): SystemCpuTicks | null {
  if (length < 4 || buf[0] !== 0x63 || buf[1] !== 0x70 || buf[2] !== 0x75 || buf[3] !== SPACE) return null;
  const v: number[] = [];
  let i = 4;
  while (i < length && buf[i] !== NEWLINE && v.length < 8) {
    if (buf[i] === SPACE) {
      i++;
      continue;
    }
    let end = i;
    while (end < length && buf[end] !== SPACE && buf[end] !== NEWLINE) end++;
    // A number the read cut short (no space or newline after it) is not trusted.
    if (end === length) return null;
    v.push(intAt(buf, i, end));
    i = end;
  }
  return systemTicks(v);
}

/** /proc/<pid>/stat from its bytes; the command name may hold spaces and parentheses, so fields start after the last ')'. */
export function parsePidStatBytes(buf: Uint8Array, length: number): PidStat | null {
  let close = length - 1;
  while (close >= 0 && buf[close] !== 0x29) close--;
  const open = buf.indexOf(0x28);
  if (close < 0 || open < 0 || open > close) return null;
  const pid = intAt(buf, 0, open - 1);
  // fields[k] is field k + 3: state, ppid, …; utime..cstime are fields 14..17, num_threads is 20.
  const fields: number[] = [];
  let state = '';
  let i = close + 1;
  for (let k = 0; i < length && k <= 17; k++) {
    while (i < length && buf[i] === SPACE) i++;
    let end = i;
    while (end < length && buf[end] !== SPACE && buf[end] !== NEWLINE) end++;
    if (end === i) break;
    if (k === 0) state = String.fromCharCode(buf[i]!);
    else if (k === 1 || (k >= 11 && k <= 14) || k === 17) fields[k] = intAt(buf, i, end);
    i = end;
  }
  const ppid = fields[1] ?? NaN;
  const childTicks = (fields[13] ?? NaN) + (fields[14] ?? NaN);
  const ticks = (fields[11] ?? NaN) + (fields[12] ?? NaN) + childTicks;
  if (![pid, ppid, ticks].every(Number.isFinite)) return null;
  return { pid, ppid, ticks, childTicks, state, threads: fields[17] ?? NaN };
}

/** Pids in a /proc/<pid>/task/<tid>/children file ("12 34 "), appended to `out`. */
export function parseChildrenBytes(buf: Uint8Array, length: number, out: number[]): void {
  let i = 0;
  while (i < length) {
    while (i < length && (buf[i] === SPACE || buf[i] === NEWLINE)) i++;
    let end = i;
    while (end < length && buf[end] !== SPACE && buf[end] !== NEWLINE) end++;
    if (end > i) {
      const pid = intAt(buf, i, end);
      if (Number.isFinite(pid)) out.push(pid);
    }
    i = end;
  }
}
