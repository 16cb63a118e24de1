import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/validate.js';
import { withBench } from './helpers.js';

const FILE = 'carbon-gate.yml';

// Billion laughs: 9 aliases per level, 9 levels deep, ~387 million strings if expanded.
const aliasBomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const prev = 'abcdefghi'[i];
    return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`;
  }),
].join('\n');

const MiB = 1024 * 1024;

/**
 * Each must come back as ok:false with a matching line, quickly and without throwing. No
 * timing assertion (CI machines vary); a regression shows up as a hang or test timeout.
 */
const cases: { name: string; text: () => string; word: string }[] = [
  { name: 'alias bomb', text: () => aliasBomb, word: 'alias bomb' },
  { name: 'NUL bytes', text: () => 'version: 1\0\0\0\nbenchmarks: []\n', word: 'binary content' },
  {
    name: 'U+FFFD from invalid UTF-8',
    text: () => `version: 1\nregion: \uFFFD\uFFFD\n`,
    word: 'binary content',
  },
  {
    name: 'binary garbage',
    text: () => String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    word: 'binary content',
  },
  { name: 'over 1 MiB', text: () => `${withBench({})}# ${'x'.repeat(MiB)}\n`, word: 'larger than 1 MiB' },
  {
    name: 'over 1 MiB in UTF-8 bytes only',
    text: () => `# ${'é'.repeat(MiB / 2 + 10)}\n`,
    word: 'larger than 1 MiB',
  },
  { name: '1 MiB of "["', text: () => '['.repeat(MiB - 1), word: 'nested too deeply' },
  { name: '1 MiB of "{"', text: () => '{'.repeat(MiB - 1), word: 'nested too deeply' },
  { name: 'nested flow mappings', text: () => '{a: '.repeat(200_000), word: 'nested too deeply' },
  { name: '"- - - -" on one line', text: () => '- '.repeat(400_000), word: 'nested too deeply' },
  { name: 'deep indentation', text: () => `a:\n${' '.repeat(300)}b: 1\n`, word: 'nested too deeply' },
  { name: 'many YAML errors', text: () => 'version: 1\n'.concat(']\n'.repeat(5000)), word: 'more problem' },
  {
    // The most the config allows (SUITE_LIMITS.benchmarks); more is one line about the count.
    name: 'a thousand invalid benchmarks',
    text: () => `version: 1\nbenchmarks:\n${'  - {name: a, kind: x, run: ""}\n'.repeat(1000)}`,
    word: 'more problems',
  },
];

describe('parseConfigText on hostile input', () => {
  it.each(cases)('$name fails fast with a clear line', ({ text, word }) => {
    const result = parseConfigText(text(), FILE);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(
      errors.some((l) => l.startsWith(FILE) && l.includes(word)),
      errors.slice(0, 5).join('\n'),
    ).toBe(true);
    expect(errors.length).toBeLessThanOrEqual(51);
    for (const line of errors) expect(line.length).toBeLessThan(300);
  });

  it('survives the hostile cases back to back in one process', () => {
    // The yaml parser once crashed Node after a sequence of deep inputs; run them all again.
    for (const { text } of cases) expect(parseConfigText(text(), FILE).ok).toBe(false);
  });

  it('lets through the deepest nesting the guard allows', () => {
    const text = `version: 1\nbenchmarks: [{name: a, kind: other, run: x}]\nx: ${'['.repeat(32)}${']'.repeat(32)}\n`;
    const result = parseConfigText(text, FILE);
    const errors = result.ok ? [] : result.errors;
    // The list of allowed keys grows with the schema; the point here is one clean line, no crash.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^carbon-gate\.yml: x: unknown key; allowed keys: \$schema, version, region, pue, .*benchmarks$/,
    );
  });

  it('keeps hostile keys and values on one short line', () => {
    const key = `evil\nkey\u2028${'k'.repeat(500)}`;
    const result = parseConfigText(
      JSON.stringify({ version: 1, benchmarks: [], [key]: 'v\n'.repeat(100) }),
      FILE,
    );
    const errors = result.ok ? [] : result.errors;
    expect(errors.length).toBe(2);
    for (const line of errors) {
      expect(line).not.toMatch(/[\n\u2028]/);
      // 220: the allowed-keys list in the other line grows with the schema (budget added 8 characters).
      expect(line.length).toBeLessThan(220);
    }
  });
});
