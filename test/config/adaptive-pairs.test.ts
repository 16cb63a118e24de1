import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SUITE_LIMITS } from '../../src/config/limits.js';
import { parseConfigText } from '../../src/config/validate.js';
import type { Config } from '../../src/config/schema.js';
import { specsFromConfig } from '../../src/runner/specs-from-config.js';

const text = (bench: Record<string, unknown>, n = 1) =>
  stringify({
    version: 1,
    benchmarks: Array.from({ length: n }, (_, i) => ({
      name: `b${i}`,
      kind: 'other',
      run: 'true',
      ...bench,
    })),
  });

function parse(bench: Record<string, unknown>, n = 1): Config {
  const r = parseConfigText(text(bench, n), 'c.yml');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

const errors = (bench: Record<string, unknown>, n = 1) => {
  const r = parseConfigText(text(bench, n), 'c.yml');
  return r.ok ? [] : r.errors;
};

describe('maxRepeat and maxTime (adaptive pairs)', () => {
  it.each([
    {
      bench: { maxRepeat: 3 },
      line: /^c\.yml: benchmarks\[0\]\.maxRepeat: expected a whole number ≥ repeat \(5, the default when gated\)/,
    },
    {
      bench: { repeat: 8, maxRepeat: 7 },
      line: /^c\.yml: benchmarks\[0\]\.maxRepeat: expected a whole number ≥ repeat \(8\)/,
    },
    {
      bench: { maxRepeat: 0 },
      line: /^c\.yml: benchmarks\[0\]\.maxRepeat: expected a whole number from 1 to 1000/,
    },
    { bench: { maxRepeat: 2.5 }, line: /^c\.yml: benchmarks\[0\]\.maxRepeat: expected a whole number/ },
    {
      bench: { maxTime: 60 },
      line: /^c\.yml: benchmarks\[0\]\.maxTime: expected a duration > 0 .*add a unit, e\.g\. "60s"/,
    },
    { bench: { maxTime: '0s' }, line: /^c\.yml: benchmarks\[0\]\.maxTime: expected a duration > 0/ },
  ])('$bench is one line naming the field', ({ bench, line }) => {
    const e = errors(bench);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(line);
  });

  it('a set maxRepeat counts toward the suite’s metered repeats', () => {
    const per = SUITE_LIMITS.suiteRepeats / 10;
    expect(errors({ maxRepeat: per }, 10)).toEqual([]);
    expect(errors({ maxRepeat: per }, 11)[0]).toMatch(
      /^c\.yml: benchmarks: expected at most 10000 metered repeats in all \(repeat, or maxRepeat where larger/,
    );
  });

  it.each([
    {
      name: 'A/B: default 20',
      bench: {},
      opts: { gated: true, ab: true },
      want: { repeat: 5, maxRepeat: 20 },
    },
    {
      name: 'A/B: set',
      bench: { repeat: 7, maxRepeat: 12, maxTime: '10m' },
      opts: { gated: true, ab: true },
      want: { repeat: 7, maxRepeat: 12, maxTimeS: 600 },
    },
    {
      name: 'A/B: maxRepeat = repeat is fixed pairs',
      bench: { repeat: 7, maxRepeat: 7 },
      opts: { gated: true, ab: true },
      want: { repeat: 7 },
    },
    {
      name: 'A/B: repeat above the default cap',
      bench: { repeat: 30 },
      opts: { gated: true, ab: true },
      want: { repeat: 30 },
    },
    {
      name: 'another baseline: ignored',
      bench: { maxRepeat: 12, maxTime: '10m' },
      opts: { gated: true },
      want: { repeat: 5 },
    },
  ])('$name', ({ bench, opts, want }) => {
    const [s] = specsFromConfig(parse(bench), '/cfg', opts);
    expect({ repeat: s!.repeat, maxRepeat: s!.maxRepeat, maxTimeS: s!.maxTimeS }).toEqual({
      maxRepeat: undefined,
      maxTimeS: undefined,
      ...want,
    });
  });

  it('the default cap gives way where 20 pairs each would pass the suite’s repeat limit', () => {
    const n = SUITE_LIMITS.suiteRepeats / 20 + 1;
    const specs = specsFromConfig(parse({}, n), '/cfg', { gated: true, ab: true });
    expect(specs.every((s) => s.maxRepeat === undefined && s.repeat === 5)).toBe(true);
    const fits = specsFromConfig(parse({}, n - 1), '/cfg', { gated: true, ab: true });
    expect(fits.every((s) => s.maxRepeat === 20)).toBe(true);
  });
});
