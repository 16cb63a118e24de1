import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/validate.js';
import { withBench, withTop } from './helpers.js';

const FILE = 'carbon-gate.yml';

describe('carbon config keys', () => {
  it.each([
    [withTop({ region: 'azure:eastus' }), (c: Record<string, unknown>) => c.region, 'azure:eastus'],
    [withTop({ region: 'auto' }), (c: Record<string, unknown>) => c.region, 'auto'],
    [withTop({ embodied: 'github-hosted' }), (c: Record<string, unknown>) => c.embodied, 'github-hosted'],
    [
      withTop({ embodied: { totalKg: 1000, lifetime: '4y', share: 0.5 } }),
      (c: Record<string, unknown>) => c.embodied,
      { totalKg: 1000, lifetimeS: 4 * 365 * 86400, share: 0.5 },
    ],
    [
      withTop({ intensity: { source: 'electricity-maps', zone: 'DE', tokenEnv: 'EM_TOKEN' } }),
      (c: Record<string, unknown>) => c.intensity,
      { source: 'electricity-maps', zone: 'DE', tokenEnv: 'EM_TOKEN' },
    ],
    [
      withTop({ projection: { queriesPerDay: 1e6, days: 365 } }),
      (c: Record<string, unknown>) => c.projection,
      { queriesPerDay: 1e6, days: 365 },
    ],
    [
      withBench({ unit: { name: 'inference', count: 1000 } }),
      (c: Record<string, unknown>) => (c.benchmarks as Record<string, unknown>[])[0]!.unit,
      { name: 'inference', count: 1000 },
    ],
  ])('accepts %#', (text, pick, expected) => {
    const r = parseConfigText(text, FILE);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(pick(r.config as unknown as Record<string, unknown>)).toEqual(expected);
  });

  it.each([
    [withTop({ intensity: { source: 'wattime' } }), 'intensity.source', 'did you mean "watttime"'],
    [withTop({ intensity: { token: 'abc' } }), 'intensity', 'token'],
    [
      withTop({ intensity: { tokenEnv: 'sk-123 secret' } }),
      'intensity.tokenEnv',
      'environment variable name',
    ],
    [withTop({ embodied: { totalKg: 1000, lifetime: '4', share: 0.5 } }), 'embodied', ''],
    [withTop({ embodied: { totalKg: 1000, lifetime: '4y', share: 2 } }), 'embodied', ''],
    [withTop({ embodied: 'laptop' }), 'embodied', 'github-hosted'],
    [withTop({ projection: { queriesPerDay: -1, days: 1 } }), 'projection.queriesPerDay', '≥ 0'],
    [withBench({ unit: { name: 'epochs', count: 1 } }), 'benchmarks[0].unit.name', 'did you mean "epoch"'],
    [withBench({ unit: { name: 'run', count: 0 } }), 'benchmarks[0].unit.count', '≥ 1'],
  ])('rejects %#: %s', (text, path, word) => {
    const r = parseConfigText(text, FILE);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(
        r.errors.some((e) => e.startsWith(`${FILE}: ${path}`) && e.includes(word)),
        r.errors.join('\n'),
      ).toBe(true);
  });
});
