import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseChildrenBytes,
  parsePidStat,
  parsePidStatBytes,
  parseProcStat,
  parseProcStatBytes,
  treeTicks,
  type PidCpu,
} from '../../src/meter/proc-stat.js';

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

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('parseProcStatBytes agrees with parseProcStat on the first line', () => {
  it.each([
    ['cpu  100 5 50 800 20 1 2 3 0 0\ncpu0 50 2 25 400 10 0 1 1 0 0\n', { busy: 158, total: 981 }],
    ['cpu 10 0 10 80\n', { busy: 20, total: 100 }],
    [
      'cpu  1116186 372 418823 5880730 7064 0 10976 0 0 0\n',
      parseProcStat('cpu  1116186 372 418823 5880730 7064 0 10976 0 0 0\n'),
    ],
    ['intr 1 2 3\n', null],
    ['cpu  a b c d\n', null],
    ['', null],
    // The aggregate line not first: left to the text parser.
    ['intr 1\ncpu  1 1 1 1\n', null],
    // Cut by the read inside a number: not trusted.
    ['cpu  100 5 50 80', null],
  ])('%j', (text, expected) => {
    const b = bytes(text);
    expect(parseProcStatBytes(b, b.length)).toEqual(expected);
  });

  it('reads only the given length of a longer buffer', () => {
    const b = bytes('cpu  1 2 3 4\ncpu0 1 2 3 4\n' + 'x'.repeat(100));
    expect(parseProcStatBytes(b, 13)).toEqual({ busy: 6, total: 10 });
  });
});

describe('parsePidStatBytes', () => {
  // Fields 3..20: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, cmajflt,
  // utime, stime, cutime, cstime, priority, nice, num_threads.
  const tail = 'S 1 1 1 0 -1 4194304 100 0 0 0 300 40 7 3 20 0 4 0 100 1000 50\n';
  it.each([
    [`1234 (node) ${tail}`, { pid: 1234, ppid: 1, ticks: 350, childTicks: 10, state: 'S', threads: 4 }],
    [`77 (a (weird) name) ${tail}`, { pid: 77, ppid: 1, ticks: 350, childTicks: 10, state: 'S', threads: 4 }],
    [`9 (sp ace) Z${tail.slice(1)}`, { pid: 9, ppid: 1, ticks: 350, childTicks: 10, state: 'Z', threads: 4 }],
    // Cut after cstime (a fake tree): the CPU fields are there, the thread count is not known.
    [
      '5 (x) R 1 1 1 0 -1 0 0 0 0 0 300 40 7 3',
      { pid: 5, ppid: 1, ticks: 350, childTicks: 10, state: 'R', threads: NaN },
    ],
    ['garbage', null],
    ['12 (x) S 1 1', null],
    ['', null],
  ])('%s', (text, expected) => {
    const b = bytes(text);
    expect(parsePidStatBytes(b, b.length)).toEqual(expected);
  });

  it('gives the CPU figures parsePidStat gives, on this process', () => {
    const text = readFileSync('/proc/self/stat', 'latin1');
    const b = bytes(text);
    const { state, threads, ...cpu } = parsePidStatBytes(b, b.length)!;
    expect(cpu).toEqual(parsePidStat(text));
    expect(state).toBe('R');
    expect(threads).toBeGreaterThanOrEqual(1);
  });
});

describe('parseChildrenBytes', () => {
  it.each([
    ['', []],
    ['12 ', [12]],
    ['12 345 6789 ', [12, 345, 6789]],
    ['  7\n8', [7, 8]],
  ])('%j', (text, expected) => {
    const out: number[] = [];
    const b = bytes(text);
    parseChildrenBytes(b, b.length, out);
    expect(out).toEqual(expected);
  });

  it('appends to what is already there', () => {
    const out = [1];
    parseChildrenBytes(bytes('2 3 '), 4, out);
    expect(out).toEqual([1, 2, 3]);
  });
});
