import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describePids, parseStat, ProcessTree, type ProcInfo } from '../../src/runner/io/process-tree.js';

/** A fake /proc: each process gets a stat file, an environ file and, optionally, task children files. */
class FakeProc {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'cg-fake-proc-'));

  constructor(private readonly childrenFiles: boolean) {}

  add(p: {
    pid: number;
    ppid: number;
    pgid?: number;
    state?: string;
    start?: number;
    comm?: string;
    env?: string[];
  }) {
    const dir = path.join(this.root, String(p.pid));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'task', String(p.pid)), { recursive: true });
    // Fields 3..22 of /proc/<pid>/stat: state ppid pgrp session tty tpgid flags minflt cminflt majflt
    // cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime.
    const rest = [p.state ?? 'S', p.ppid, p.pgid ?? p.pid, 1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 1, 0];
    writeFileSync(
      path.join(dir, 'stat'),
      `${p.pid} (${p.comm ?? 'sh'}) ${[...rest, p.start ?? 1000].join(' ')} 0 0\n`,
    );
    writeFileSync(path.join(dir, 'environ'), (p.env ?? ['PATH=/bin']).map((e) => `${e}\0`).join(''));
    this.relink();
  }

  remove(pid: number) {
    rmSync(path.join(this.root, String(pid)), { recursive: true, force: true });
    this.relink();
  }

  /** Rewrites every children file from the ppid fields, as the kernel keeps them. */
  private relink() {
    if (!this.childrenFiles) return;
    const procs = this.list();
    for (const p of procs) {
      const kids = procs.filter((c) => c.ppid === p.pid).map((c) => c.pid);
      writeFileSync(path.join(this.root, String(p.pid), 'task', String(p.pid), 'children'), kids.join(' '));
    }
  }

  private list(): ProcInfo[] {
    return readdirSync(this.root)
      .filter((n) => /^\d+$/.test(n))
      .map((n) => parseStat(readFileSync(path.join(this.root, n, 'stat'), 'utf8'))!);
  }

  cleanup() {
    rmSync(this.root, { recursive: true, force: true });
  }
}

const fakes: FakeProc[] = [];
const fake = (childrenFiles: boolean) => {
  const f = new FakeProc(childrenFiles);
  fakes.push(f);
  return f;
};
afterEach(() => {
  for (const f of fakes.splice(0)) f.cleanup();
});

const pids = (procs: readonly ProcInfo[]) => procs.map((p) => p.pid);
const SELF = 999_999;

describe('parseStat', () => {
  it('reads pid, ppid, group, state, start time and a command name with spaces and parentheses', () => {
    const text = '4242 (a (b) c) S 4241 4240 4240 0 -1 4194560 1 0 0 0 5 6 0 0 20 0 1 0 123456 1000 10 0\n';
    expect(parseStat(text)).toEqual({
      pid: 4242,
      ppid: 4241,
      pgid: 4240,
      state: 'S',
      startTime: '123456',
      comm: 'a (b) c',
    });
  });

  it.each(['', 'garbage', '12 (x) S 1'])('%j is not a stat line', (text) => {
    expect(parseStat(text)).toBeNull();
  });
});

describe.each([
  ['with /proc/<pid>/task/<tid>/children', true],
  ['without children files (every stat is read)', false],
])('ProcessTree on a fake /proc, %s', (_name, childrenFiles) => {
  it('remembers every descendant seen, also once its parent is gone and it moved to init', () => {
    const p = fake(childrenFiles);
    p.add({ pid: 1, ppid: 0, comm: 'init' });
    p.add({ pid: 100, ppid: 1 });
    p.add({ pid: 101, ppid: 100 });
    p.add({ pid: 102, ppid: 101, pgid: 102, comm: 'daemon' }); // setsid: its own group
    p.add({ pid: 200, ppid: 1, comm: 'unrelated' });
    const tree = new ProcessTree(100, { procRoot: p.root, self: SELF });
    tree.poll();
    expect(pids(tree.tracked()).sort()).toEqual([101, 102]);
    // The benchmark and its child exit; the daemon is re-parented to init and starts a child.
    p.remove(100);
    p.remove(101);
    p.add({ pid: 102, ppid: 1, pgid: 102, comm: 'daemon' });
    p.add({ pid: 103, ppid: 102, pgid: 102, comm: 'worker' });
    tree.poll();
    expect(pids(tree.tracked()).sort()).toEqual([102, 103]);
  });

  it('remembers what another walk of the tree observes (the meter taking the walks over)', async () => {
    const p = fake(childrenFiles);
    p.add({ pid: 100, ppid: 1 });
    p.add({ pid: 101, ppid: 100, pgid: 101, comm: 'daemon' });
    p.add({ pid: 102, ppid: 101, comm: 'worker' });
    const tree = new ProcessTree(100, { procRoot: p.root, self: SELF });
    for (const pid of [101, 102, 101, SELF]) tree.observe(pid);
    expect(pids(tree.tracked()).sort()).toEqual([101, 102]);
    tree.observe(555); // gone before it was read: nothing remembered
    expect(pids(tree.tracked()).sort()).toEqual([101, 102]);
    p.remove(100);
    expect(pids(await tree.leftovers())).toEqual([101, 102]);
  });

  it('forgets a pid that ended, and never takes a reused pid for it', async () => {
    const p = fake(childrenFiles);
    p.add({ pid: 100, ppid: 1 });
    p.add({ pid: 101, ppid: 100, pgid: 101, start: 5000 });
    const tree = new ProcessTree(100, { procRoot: p.root, self: SELF });
    tree.poll();
    expect(pids(tree.tracked())).toEqual([101]);
    const seen = tree.tracked()[0]!;
    p.remove(100);
    p.add({ pid: 101, ppid: 1, pgid: 101, start: 9000, comm: 'someone-else' });
    expect(tree.isRunning(seen)).toBe(false);
    expect(await tree.leftovers()).toEqual([]);
    tree.poll();
    expect(tree.tracked()).toEqual([]);
  });

  it('leftovers: remembered, their descendants, the group, the marked; never zombies, init or itself', async () => {
    const p = fake(childrenFiles);
    const marker = 'CARBON_GATE_METRICS_FILE=/tmp/x/run-1.json';
    p.add({ pid: 1, ppid: 0, comm: 'init', env: [marker] });
    p.add({ pid: 100, ppid: 1 });
    p.add({ pid: 110, ppid: 100, pgid: 110, comm: 'seen' });
    const tree = new ProcessTree(100, { procRoot: p.root, envMarker: marker, self: SELF });
    tree.poll();
    p.remove(100);
    p.add({ pid: 110, ppid: 1, pgid: 110, comm: 'seen' });
    p.add({ pid: 111, ppid: 110, pgid: 110, comm: 'seen-child' }); // started after the last poll
    p.add({ pid: 120, ppid: 1, pgid: 100, comm: 'in-group' });
    p.add({ pid: 130, ppid: 1, pgid: 130, comm: 'marked', env: ['A=1', marker] });
    p.add({ pid: 131, ppid: 130, pgid: 130, comm: 'marked-child', env: [] });
    p.add({ pid: 140, ppid: 1, pgid: 100, state: 'Z', comm: 'zombie' });
    p.add({ pid: 150, ppid: 1, pgid: 150, comm: 'other-run', env: [`${marker}.other`] });
    p.add({ pid: SELF, ppid: 1, pgid: 100, comm: 'carbon-gate', env: [marker] });
    const left = await tree.leftovers();
    expect(left.map((x) => [x.pid, x.comm])).toEqual([
      [110, 'seen'],
      [111, 'seen-child'],
      [120, 'in-group'],
      [130, 'marked'],
      [131, 'marked-child'],
    ]);
  });
});

describe('ProcessTree', () => {
  it('available() needs a readable /proc with processes in it', () => {
    const p = fake(true);
    expect(ProcessTree.available(p.root)).toBe(false);
    p.add({ pid: 1, ppid: 0 });
    expect(ProcessTree.available(p.root)).toBe(true);
    expect(ProcessTree.available('/nonexistent/proc')).toBe(false);
  });

  it('signal() sends only to the process it saw, not to a reused pid', () => {
    const p = fake(true);
    // This test process stands in for a leftover; SIGCONT does nothing to a running process.
    p.add({ pid: process.pid, ppid: 1, start: 777 });
    const tree = new ProcessTree(100, { procRoot: p.root, self: SELF });
    const seen = (start: string): ProcInfo => ({
      pid: process.pid,
      ppid: 1,
      pgid: process.pid,
      state: 'S',
      startTime: start,
      comm: 'x',
    });
    expect(tree.signal([seen('776')], 'SIGCONT')).toEqual([]);
    expect(pids(tree.signal([seen('777')], 'SIGCONT'))).toEqual([process.pid]);
    // Never itself, never init.
    const own = new ProcessTree(100, { procRoot: p.root });
    expect(own.signal([seen('777')], 'SIGCONT')).toEqual([]);
  });

  it('describePids names at most five, with safe command names', () => {
    const proc = (pid: number, comm: string): ProcInfo => ({
      pid,
      ppid: 1,
      pgid: pid,
      state: 'S',
      startTime: '1',
      comm,
    });
    expect(describePids([proc(7, 'sh')])).toBe('pid 7 (sh)');
    expect(describePids([proc(7, 'a b`*|')])).toBe('pid 7 (a?b???)');
    expect(describePids([1, 2, 3, 4, 5, 6, 7].map((n) => proc(n, 'sleep')))).toBe(
      'pids 1 (sleep), 2 (sleep), 3 (sleep), 4 (sleep), 5 (sleep) and 2 more',
    );
  });
});
