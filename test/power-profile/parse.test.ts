import { describe, expect, it } from 'vitest';
import { parsePowerProfileText } from '../../src/power-profile/parse.js';

const VALID = {
  version: 1,
  source: 'calibrate',
  idleW: 12,
  loadW: [
    { utilisation: 0.1, watts: 20 },
    { utilisation: 1, watts: 80 },
  ],
};

const text = (changes: Record<string, unknown>) => {
  const p: Record<string, unknown> = { ...VALID, ...changes };
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  return JSON.stringify(p);
};

describe('power profile validation', () => {
  it.each([
    ['the minimal profile', {}],
    [
      'every optional field',
      {
        machine: 'gh-large',
        cpuModel: 'AMD EPYC 7763',
        memoryW: 6.3,
        gpuIdleW: 30,
        measuredAt: '2025-01-31T12:00:00Z',
        source: 'manual',
      },
    ],
    [
      'a load point at 0 equal to idleW',
      {
        loadW: [
          { utilisation: 0, watts: 12 },
          { utilisation: 1, watts: 80 },
        ],
      },
    ],
    ['a $schema key', { $schema: './profile.schema.json' }],
  ])('accepts %s', (_what, changes) => {
    const r = parsePowerProfileText(text(changes), 'p.json');
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it.each([
    [
      'not JSON',
      '{ idleW: 1',
      /^p\.json:1:3: invalid JSON: expected property name or '}'; expected a power profile/,
    ],
    [
      'a list',
      '[]',
      /^p\.json: expected a JSON object with version, source, idleW and loadW, found an empty list$/,
    ],
    [
      'version 2',
      text({ version: 2 }),
      /^p\.json: version: expected 1 \(the profile format version\), found 2$/,
    ],
    [
      'unknown source',
      text({ source: 'guess' }),
      /^p\.json: source: expected one of "calibrate" or "manual", found "guess"$/,
    ],
    [
      'negative idle',
      text({ idleW: -1 }),
      /^p\.json: idleW: expected a power in watts from 0 to 100000, found -1$/,
    ],
    [
      'quoted watts',
      text({ idleW: '12' }),
      /^p\.json: idleW: expected a power in watts .*, found "12"; remove the quotes$/,
    ],
    [
      'one load point',
      text({ loadW: [{ utilisation: 1, watts: 9 }] }),
      /^p\.json: loadW: expected a list of at least 2 \{utilisation, watts\} points, found a list$/,
    ],
    [
      'percent utilisation',
      text({
        loadW: [
          { utilisation: 10, watts: 9 },
          { utilisation: 1, watts: 20 },
        ],
      }),
      /^p\.json: loadW\[0\]\.utilisation: expected a utilisation from 0 to 1, found 10; write 0\.1$/,
    ],
    [
      'decreasing utilisation',
      text({
        loadW: [
          { utilisation: 0.5, watts: 9 },
          { utilisation: 0.5, watts: 20 },
        ],
      }),
      /^p\.json: loadW\[1\]\.utilisation: expected a utilisation above the previous point's \(0\.5\), found 0\.5$/,
    ],
    [
      'a 0 point that disagrees with idleW',
      text({
        loadW: [
          { utilisation: 0, watts: 3 },
          { utilisation: 1, watts: 20 },
        ],
      }),
      /^p\.json: loadW\[0\]\.watts: expected idleW \(12\) at utilisation 0, found 3$/,
    ],
    ['a typo', text({ idelW: 3 }), /^p\.json: idelW: unknown key; did you mean "idleW"\?$/],
    [
      'a missing key',
      text({ loadW: undefined }),
      /^p\.json: loadW: expected a list of at least 2 .*, found nothing$/,
    ],
  ])('refuses %s with one line', (_what, input, line) => {
    const r = parsePowerProfileText(input, 'p.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(line);
  });
});
