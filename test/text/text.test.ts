import { describe, expect, it } from 'vitest';
import { closestMatches, editDistance } from '../../src/text/did-you-mean.js';
import { terminalSafe } from '../../src/text/terminal-safe.js';
import { shellQuote } from '../../src/runner/shell-quote.js';
import { median } from '../../src/stats/median.js';

describe('editDistance', () => {
  it.each([
    ['repeat', 'repeat', 0],
    ['repeats', 'repeat', 1],
    ['rpeeat', 'repeat', 1],
    ['TIMEOUT', 'timeout', 0],
    ['', 'abc', 3],
  ])('%s ↔ %s = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe('closestMatches', () => {
  it.each([
    ['FX', ['FR', 'FI', 'DE', 'MX'], ['FI', 'FR', 'MX']],
    ['benchmark', ['benchmarks', 'version', 'region'], ['benchmarks']],
    ['zzzzzz', ['FR', 'DE'], []],
  ])('%s', (input, candidates, expected) => expect(closestMatches(input, candidates)).toEqual(expected));
});

describe('terminalSafe', () => {
  it.each([
    ['plain name', 'plain name'],
    ['\u001b[31mred\u001b[0m', '?[31mred?[0m'],
    ['a\rb\nc', 'a?b?c'],
  ])('%j', (input, expected) => expect(terminalSafe(input)).toBe(expected));
});

describe('shellQuote', () => {
  it.each([
    [['node', '-e', 'console.log(1)'], "node -e 'console.log(1)'"],
    [['echo', "it's"], "echo 'it'\\''s'"],
    [['ls', '/tmp/a-b_c.txt'], 'ls /tmp/a-b_c.txt'],
    [['echo', '$HOME'], "echo '$HOME'"],
  ])('%j', (args, expected) => expect(shellQuote(args)).toBe(expected));
});

describe('median', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7], 7],
    [[], null],
    [[1, 1000, 2], 2],
  ])('%j', (values, expected) => expect(median(values)).toBe(expected));
});
