import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readSystemCpu, readTreeCpuS } from '../../src/meter/io/procfs.js';
import { parsePidStat, parseProcStat, treeTicks, type PidCpu } from '../../src/meter/proc-stat.js';

const saved = process.env.CARBON_GATE_PROC_ROOT;
let dir: string | undefined;
afterEach(() => {
  if (saved === undefined) delete process.env.CARBON_GATE_PROC_ROOT;
  else process.env.CARBON_GATE_PROC_ROOT = saved;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const linux = process.platform === 'linux';

/** A fake /proc: `procs` as [pid, ppid, utime, threads], children files from the ppids. */
function fakeProc(procs: [number, number, number, number][], stat = 'cpu  10 0 10 80\n') {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-procfs-'));
  process.env.CARBON_GATE_PROC_ROOT = dir;
  writeFileSync(path.join(dir, 'stat'), stat);
  for (const [pid, ppid, utime, threads] of procs) {
    mkdirSync(path.join(dir, String(pid), 'task', String(pid)), { recursive: true });
    const fields = `S ${ppid} 1 1 0 -1 0 0 0 0 0 ${utime} 0 0 0 20 0 ${threads} 0 100 1000 50`;
    writeFileSync(path.join(dir, String(pid), 'stat'), `${pid} (p${pid}) ${fields}\n`);
    const kids = procs.filter((p) => p[1] === pid).map((p) => p[0]);
    writeFileSync(
      path.join(dir, String(pid), 'task', String(pid), 'children'),
      kids.map((k) => `${k} `).join(''),
    );
  }
  return dir;
}

describe.skipIf(!linux)('procfs on a fake /proc (CARBON_GATE_PROC_ROOT)', () => {
  it('sums the tree, with and without the thread count, and re-reads rewritten files', () => {
    const root = fakeProc([
      [10, 1, 100, 1],
      [11, 10, 20, 2],
      [12, 11, 3, 1],
      [20, 1, 1000, 1],
    ]);
    expect(readTreeCpuS(10)).toBeCloseTo(1.23, 9);
    expect(readTreeCpuS(12)).toBeCloseTo(0.03, 9);
    expect(readSystemCpu()).toEqual({ busy: 20, total: 100, source: 'proc' });
    writeFileSync(
      path.join(root, '12', 'stat'),
      '12 (p12) S 11 1 1 0 -1 0 0 0 0 0 50 0 0 0 20 0 1 0 100 1000 50\n',
    );
    writeFileSync(path.join(root, 'stat'), 'cpu  30 0 10 80\n');
    expect(readTreeCpuS(10)).toBeCloseTo(1.7, 9);
    expect(readSystemCpu()).toEqual({ busy: 40, total: 120, source: 'proc' });
    rmSync(path.join(root, '10'), { recursive: true });
    expect(readTreeCpuS(10)).toBe(0);
  });

  it('reads a /proc/stat whose aggregate line is not first through the text parser', () => {
    fakeProc([], 'intr 1 2\ncpu  5 0 5 90 0 0 0 0 0 0');
    expect(readSystemCpu()).toEqual({ busy: 10, total: 100, source: 'proc' });
  });

  it('falls back to every process when there are no children files', () => {
    const root = fakeProc([
      [10, 1, 100, 1],
      [11, 10, 20, 1],
    ]);
    rmSync(path.join(root, '10', 'task'), { recursive: true });
    rmSync(path.join(root, '11', 'task'), { recursive: true });
    expect(readTreeCpuS(10)).toBeCloseTo(1.2, 9);
  });
});

/** The tree's ticks the old way: every process's stat as text, summed by treeTicks. */
function treeTicksByScan(root: number): number {
  const all: PidCpu[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const p = parsePidStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (p) all.push(p);
    } catch {
      // ended meanwhile
    }
  }
  return treeTicks(root, all);
}

describe.skipIf(!linux)('procfs on the real /proc', () => {
  it('gives the tree of a real process the CPU time a full scan gives, and 0 once it is gone', async () => {
    // A shell with two sleeping children: their CPU time stands still while both are read.
    const child = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { stdio: 'ignore' });
    const exited = once(child, 'exit');
    for (let i = 0; i < 100 && !hasTwoChildren(child.pid!); i++) await sleep(20);
    for (let i = 0; i < 3; i++)
      expect(readTreeCpuS(child.pid!) * 100).toBeCloseTo(treeTicksByScan(child.pid!), 6);
    for (const kid of childrenOf(child.pid!)) process.kill(kid, 'SIGKILL');
    child.kill('SIGKILL');
    await exited;
    expect(readTreeCpuS(child.pid!)).toBe(0);
  });

  it('reads /proc/stat like the text parser, and its counters only grow', () => {
    const a = readSystemCpu();
    const text = parseProcStat(readFileSync('/proc/stat', 'utf8'))!;
    const b = readSystemCpu();
    expect(a.source).toBe('proc');
    expect(text.busy).toBeGreaterThanOrEqual(a.busy);
    expect(b.busy).toBeGreaterThanOrEqual(text.busy);
    expect(b.total).toBeGreaterThanOrEqual(text.total);
  });
});

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
const hasTwoChildren = (pid: number) => childrenOf(pid).length === 2;
