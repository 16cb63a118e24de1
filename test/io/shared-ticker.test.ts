import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activeTimers, every } from '../../src/io/shared-ticker.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('every: one timer per period', () => {
  it('runs callbacks of the same period in one timer, and stops it when the last leaves', () => {
    const calls: string[] = [];
    const stopA = every(500, () => calls.push('a'));
    const stopB = every(500, () => calls.push('b'));
    const stopC = every(200, () => calls.push('c'));
    expect(activeTimers()).toBe(2);
    vi.advanceTimersByTime(500);
    expect(calls.filter((c) => c !== 'c')).toEqual(['a', 'b']);
    expect(calls.filter((c) => c === 'c')).toHaveLength(2);
    stopA();
    vi.advanceTimersByTime(500);
    expect(calls.filter((c) => c !== 'c')).toEqual(['a', 'b', 'b']);
    stopB();
    stopC();
    expect(activeTimers()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(calls.filter((c) => c !== 'c')).toEqual(['a', 'b', 'b']);
  });

  it('takes the same function twice as two registrations, and a second stop is harmless', () => {
    let n = 0;
    const f = () => n++;
    const stop1 = every(100, f);
    const stop2 = every(100, f);
    vi.advanceTimersByTime(100);
    expect(n).toBe(2);
    stop1();
    stop1();
    vi.advanceTimersByTime(100);
    expect(n).toBe(3);
    stop2();
    expect(activeTimers()).toBe(0);
  });

  it('lets a callback stop itself or another during a wake', () => {
    const calls: string[] = [];
    let stopB = () => {};
    const stopA = every(50, () => {
      calls.push('a');
      stopB();
    });
    stopB = every(50, () => calls.push('b'));
    vi.advanceTimersByTime(100);
    expect(calls).toEqual(['a', 'a']);
    stopA();
    expect(activeTimers()).toBe(0);
  });
});
