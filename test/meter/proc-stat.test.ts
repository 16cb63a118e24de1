import { describe, expect, it } from 'vitest';
import { parsePidStat, parseProcStat, treeTicks, type PidCpu } from '../../src/meter/proc-stat.js';

describe('parseProcStat', () => {
  it.each([
    ['cpu  100 5 50 800 20 1 2 3 0 0\ncpu0 50 2 25 400 10 0 1 1 0 0\n', { busy: 158, total: 981 }],
    ['cpu 10 0 10 80\n', { busy: 20, total: 100 }],
    ['intr 1 2 3\n', null],
    ['cpu  a b c d\n', null],
    ['', null],
  ])('%j', (text, expected) => {
    expect(parseProcStat(text)).toEqual(expected);
  });
});

describe('parsePidStat', () => {
  const tail = 'S 1 1 1 0 -1 4194304 100 0 0 0 300 40 7 3 20 0 1 0 100 1000 50';
  it.each([
    [`1234 (node) ${tail}`, { pid: 1234, ppid: 1, ticks: 350, childTicks: 10 }],
    [`77 (a (weird) name) ${tail}`, { pid: 77, ppid: 1, ticks: 350, childTicks: 10 }],
    [`9 (sp ace) ${tail}`, { pid: 9, ppid: 1, ticks: 350, childTicks: 10 }],
    ['garbage', null],
    ['12 (x) S 1 1', null],
  ])('%s', (text, expected) => {
    expect(parsePidStat(text)).toEqual(expected);
  });
});

describe('treeTicks', () => {
  const p = (pid: number, ppid: number, ticks: number): PidCpu => ({ pid, ppid, ticks, childTicks: 0 });
  const procs = [p(1, 0, 1000), p(10, 1, 5), p(11, 10, 7), p(12, 10, 9), p(13, 11, 2), p(20, 1, 50)];
  it.each([
    [10, 23],
    [11, 9],
    [20, 50],
    [99, 0],
  ])('tree of %i = %i ticks', (root, expected) => {
    expect(treeTicks(root, procs)).toBe(expected);
  });
});
