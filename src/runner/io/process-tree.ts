import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { readEnviron } from './proc-environ.js';

/**
 * A benchmark's processes, found in /proc (issue 12). A process that calls setsid(2) leaves the
 * benchmark's process group, so killing the group misses it; once its parent exits it is re-parented
 * to init and nothing links it to the benchmark. So the tree is walked while the benchmark runs, every
 * process seen is remembered (with its start time, so a reused pid is never mistaken for it), and when
 * the benchmark exits, whatever is still running of it is found by five links: remembered, a descendant
 * of one remembered, a member of the benchmark's process group, holding the benchmark's own
 * environment marker (its unique metrics-file path, which daemons inherit), or found by the caller's
 * own search (`orphans`: strays.ts finds what a double fork re-parented before the walk could see it).
 */

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** One letter: R, S, D, Z (zombie), X (dead), … */
  state: string;
  /** Clock ticks after boot: with the pid, identifies one process for its whole life. */
  startTime: string;
  /** The command name (at most 15 characters, chosen by the process). */
  comm: string;
}

export interface ProcessTreeOptions {
  /** Where /proc is; tests point it at a fake tree (default CARBON_GATE_PROC_ROOT, else /proc). */
  procRoot?: string;
  /** `NAME=value`: a process whose environment holds this entry belongs to the benchmark. */
  envMarker?: string;
  /** Never counted as the benchmark's (default this process). */
  self?: number;
  /**
   * More of the benchmark's processes, from all of /proc read once, given the benchmark's start time
   * (clock ticks after boot; undefined when unknown); their descendants count too.
   */
  orphans?: (all: ReadonlyMap<number, ProcInfo>, since: number | undefined) => Promise<ProcInfo[]>;
}

export function defaultProcRoot(): string {
  return process.env.CARBON_GATE_PROC_ROOT ?? '/proc';
}

/** /proc/<pid>/stat; the command name may hold spaces and parentheses, so split after the last ')'. */
export function parseStat(text: string): ProcInfo | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  // rest[0] is field 3 (state), then ppid, pgrp, session, …; starttime is field 22.
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const [state = '', ppidText, pgidText] = rest;
  const ppid = Number(ppidText);
  const pgid = Number(pgidText);
  const startTime = rest[19];
  if (!Number.isInteger(pid) || !Number.isInteger(ppid) || !Number.isInteger(pgid) || !startTime) return null;
  return { pid, ppid, pgid, state, startTime, comm: text.slice(open + 1, close) };
}

/** Processes remembered by observe() before the ended ones are forgotten. */
const PRUNE_AT = 1000;

export const isDead = (p: ProcInfo) => p.state === 'Z' || p.state === 'X' || p.state === 'x';
const isPidName = (name: string) => /^\d+$/.test(name);

function readSync(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The processes of one benchmark; see the file comment. Every method is safe when /proc is absent. */
export class ProcessTree {
  private readonly root: string;
  private readonly self: number;
  /** Running processes seen in the tree, by pid. */
  private readonly known = new Map<number, ProcInfo>();
  /** Whether /proc/<pid>/task/<tid>/children exists (CONFIG_PROC_CHILDREN); else every stat is read. */
  private childrenFiles: boolean | undefined;
  /** The benchmark's start time: nothing that started before it can be its. */
  private readonly rootStart: string | undefined;
  /** When observe() next forgets the processes that ended. */
  private pruneAt = PRUNE_AT;

  constructor(
    private readonly rootPid: number,
    private readonly opts: ProcessTreeOptions = {},
  ) {
    this.root = opts.procRoot ?? defaultProcRoot();
    this.self = opts.self ?? process.pid;
    this.rootStart = this.stat(rootPid)?.startTime;
  }

  /** Whether this machine has a /proc to read (Linux); without it only the process group can be killed. */
  static available(procRoot = defaultProcRoot()): boolean {
    try {
      return readdirSync(procRoot).some(isPidName);
    } catch {
      return false;
    }
  }

  /** Processes remembered so far that are still the same process; for signalling during the run. */
  tracked(): ProcInfo[] {
    return [...this.known.values()];
  }

  /**
   * A descendant found by another walk of the same tree (the meter's, see TreeWatch): remembered like one
   * poll() finds, read once when new. Ended ones are told apart at the end by their start time.
   */
  observe(pid: number): void {
    if (pid === this.self || this.known.has(pid)) return;
    const p = this.stat(pid);
    if (!p || isDead(p)) return;
    this.known.set(pid, p);
    // poll() forgets what ended as it walks; here the record would only grow with every short-lived child.
    if (this.known.size > this.pruneAt) {
      for (const q of this.known.values()) if (!this.isRunning(q)) this.known.delete(q.pid);
      this.pruneAt = Math.max(PRUNE_AT, 2 * this.known.size);
    }
  }

  /** Looks for new descendants of the benchmark and forgets the ones that ended. Cheap; call often. */
  poll(): void {
    const parents = [this.rootPid, ...this.known.keys()];
    if (this.childrenFiles === undefined) {
      // Decided on the benchmark's own entry, while it is there.
      if (this.childrenOf(this.rootPid) !== null) this.childrenFiles = true;
      else if (this.stat(this.rootPid)) this.childrenFiles = false;
    }
    if (this.childrenFiles) this.pollChildren(parents);
    else this.pollAll(parents);
  }

  private pollChildren(parents: number[]): void {
    const stack = [...parents];
    const visited = new Set<number>();
    while (stack.length) {
      const pid = stack.pop()!;
      if (visited.has(pid)) continue;
      visited.add(pid);
      if (pid !== this.rootPid) {
        const now = this.stat(pid);
        const was = this.known.get(pid);
        if (!now || isDead(now) || (was && was.startTime !== now.startTime)) {
          this.known.delete(pid);
          continue;
        }
        if (!was) this.known.set(pid, now);
      }
      for (const child of this.childrenOf(pid) ?? []) if (child !== this.self) stack.push(child);
    }
  }

  private pollAll(parents: number[]): void {
    const all = this.scanSync();
    for (const [pid, was] of this.known) {
      const now = all.get(pid);
      if (!now || isDead(now) || now.startTime !== was.startTime) this.known.delete(pid);
    }
    const kids = childIndex(all.values());
    const stack = [...parents];
    const visited = new Set<number>();
    while (stack.length) {
      const pid = stack.pop()!;
      if (visited.has(pid)) continue;
      visited.add(pid);
      for (const child of kids.get(pid) ?? []) {
        if (child.pid === this.self || isDead(child)) continue;
        if (!this.known.has(child.pid)) this.known.set(child.pid, child);
        stack.push(child.pid);
      }
    }
  }

  /**
   * Every process still running that belongs to the benchmark (see the file comment), read from all of
   * /proc once; for after the benchmark's main process has exited. Never this process. The stat files
   * are read at once (as the meter does); environments, which can stall on a busy process, are read
   * asynchronously and only for processes started since the benchmark.
   */
  async leftovers(): Promise<ProcInfo[]> {
    const all = this.scanSync();
    const found = new Map<number, ProcInfo>();
    const take = (p: ProcInfo) => {
      if (p.pid > 1 && p.pid !== this.self && !isDead(p)) found.set(p.pid, p);
    };
    for (const [pid, was] of this.known) {
      const now = all.get(pid);
      if (now && now.startTime === was.startTime) take(now);
    }
    for (const p of all.values()) if (p.pgid === this.rootPid) take(p);
    const marker = this.opts.envMarker;
    if (marker) {
      // Only processes started since the benchmark can hold its marker: few environments to read.
      const since = this.rootStart === undefined ? -1 : Number(this.rootStart);
      const candidates = [...all.values()].filter(
        (p) => !found.has(p.pid) && p.pid !== this.self && !isDead(p) && Number(p.startTime) >= since,
      );
      const marked = await Promise.all(candidates.map((p) => this.hasMarker(p.pid, marker)));
      candidates.forEach((p, i) => marked[i] && take(p));
    }
    const since = this.rootStart === undefined ? undefined : Number(this.rootStart);
    for (const p of (await this.opts.orphans?.(all, since)) ?? []) if (!found.has(p.pid)) take(p);
    // Their descendants, however they were started.
    const kids = childIndex(all.values());
    const stack = [...found.keys()];
    while (stack.length) {
      for (const child of kids.get(stack.pop()!) ?? []) {
        if (found.has(child.pid)) continue;
        take(child);
        if (found.has(child.pid)) stack.push(child.pid);
      }
    }
    return [...found.values()].sort((a, b) => a.pid - b.pid);
  }

  /** Whether `p` is still that same process and running. */
  isRunning(p: ProcInfo): boolean {
    const now = this.stat(p.pid);
    return !!now && now.startTime === p.startTime && !isDead(now);
  }

  /** Sends `signal` to each process that is still the one seen (never to a reused pid); returns those sent. */
  signal(procs: readonly ProcInfo[], signal: NodeJS.Signals): ProcInfo[] {
    const sent: ProcInfo[] = [];
    for (const p of procs) {
      if (p.pid <= 1 || p.pid === this.self || !this.isRunning(p)) continue;
      try {
        process.kill(p.pid, signal);
        sent.push(p);
      } catch {
        // ESRCH: it ended meanwhile; EPERM: not ours to signal.
      }
    }
    return sent;
  }

  private stat(pid: number): ProcInfo | null {
    const text = readSync(`${this.root}/${pid}/stat`);
    return text ? parseStat(text) : null;
  }

  private childrenOf(pid: number): number[] | null {
    let tids: string[];
    try {
      tids = readdirSync(`${this.root}/${pid}/task`);
    } catch {
      return null;
    }
    const out: number[] = [];
    for (const tid of tids) {
      const text = readSync(`${this.root}/${pid}/task/${tid}/children`);
      if (text === null) return null;
      for (const p of text.split(/\s+/)) if (p) out.push(Number(p));
    }
    return out;
  }

  private scanSync(): Map<number, ProcInfo> {
    return scanProc(this.root);
  }

  private async hasMarker(pid: number, marker: string): Promise<boolean> {
    let env = await readEnviron(`${this.root}/${pid}/environ`);
    // Empty while a process is between exec's memory switch and its new environment: look once more.
    if (env === '') env = await delay(20).then(() => readEnviron(`${this.root}/${pid}/environ`));
    return env !== null && env.split('\0').includes(marker);
  }
}

/** Every process in /proc, by pid, from its stat file (sync: stat files do not stall). */
export function scanProc(root: string): Map<number, ProcInfo> {
  const out = new Map<number, ProcInfo>();
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return out;
  }
  for (const name of names) {
    if (!isPidName(name)) continue;
    const text = readSync(`${root}/${name}/stat`);
    const p = text ? parseStat(text) : null;
    if (p) out.set(p.pid, p);
  }
  return out;
}

function childIndex(procs: Iterable<ProcInfo>): Map<number, ProcInfo[]> {
  const kids = new Map<number, ProcInfo[]>();
  for (const p of procs) {
    const list = kids.get(p.ppid);
    if (list) list.push(p);
    else kids.set(p.ppid, [p]);
  }
  return kids;
}

/** "pid 1234 (sh)" / "pids 1234 (sh), 1240 (sleep) and 3 more", for a sample's note. */
export function describePids(procs: readonly ProcInfo[], max = 5): string {
  const shown = procs.slice(0, max).map((p) => `${p.pid} (${p.comm.replace(/[^\w.+-]/g, '?').slice(0, 15)})`);
  const more = procs.length > max ? ` and ${procs.length - max} more` : '';
  return `${procs.length === 1 ? 'pid' : 'pids'} ${shown.join(', ')}${more}`;
}
