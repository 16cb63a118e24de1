import { describe, expect, it } from 'vitest';
import { renderConfigTable, withConfigTable } from '../../src/config/reference-table.js';
import { expectedConfigDoc } from '../../scripts/gen-schema.js';

describe('config reference table (docs/config.md)', () => {
  it('lists every key of the schema with its type and default', () => {
    const table = renderConfigTable();
    for (const key of [
      'version',
      'region',
      'pue',
      'meter.interval',
      'benchmarks[].timeout',
      'benchmarks[].kind',
    ]) {
      expect(table).toContain(`| \`${key}\` |`);
    }
    expect(table).toContain('`training` \\| `inference` \\| `other`');
    // No default in the schema: 1, or 5 for a gated benchmark (specs-from-config.ts).
    expect(table).toMatch(/`benchmarks\[\]\.repeat` \| integer \(1–1000\) \| {2}\| {2}\| .*5 when gated/);
  });

  it('the committed docs/config.md holds the generated table', async () => {
    const { actual, expected } = await expectedConfigDoc();
    expect(actual).toBe(expected);
  });

  it('returns null when the markers are missing', () => {
    expect(withConfigTable('# no markers')).toBeNull();
  });
});
