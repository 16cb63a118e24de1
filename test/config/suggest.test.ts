import { describe, expect, it } from 'vitest';
import { closestMatch } from '../../src/config/suggest.js';

const KEYS = ['name', 'kind', 'run', 'cwd', 'env', 'repeat', 'warmup', 'timeout'];

describe('closestMatch', () => {
  it.each([
    ['repeats', 'repeat'],
    ['Repeat', 'repeat'],
    ['timout', 'timeout'],
    ['time', 'timeout'],
    ['warm', 'warmup'],
    ['cmd', 'cwd'],
    ['environment', 'env'],
    ['gpu', undefined],
    ['x', undefined],
    ['zzzzzzzz', undefined],
    ['a'.repeat(1000), undefined],
  ])('%s → %s', (word, match) => {
    expect(closestMatch(word, KEYS)).toBe(match);
  });
});
