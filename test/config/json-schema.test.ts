import { describe, expect, it } from 'vitest';
import { checkSchemaFile } from '../../scripts/gen-schema.js';
import { buildJsonSchema, SCHEMA_ID } from '../../src/config/json-schema.js';

describe('JSON Schema', () => {
  it('committed schema/carbon-gate.schema.json matches the zod schema (run: npx tsx scripts/gen-schema.ts)', async () => {
    const { upToDate, expected, actual } = await checkSchemaFile();
    expect(actual).toBe(expected);
    expect(upToDate).toBe(true);
  });

  it('describes the input side: durations as strings with their defaults', () => {
    const schema = buildJsonSchema() as {
      $id: string;
      properties: Record<
        string,
        { properties?: Record<string, unknown>; items?: { properties: Record<string, unknown> } }
      >;
    };
    expect(schema.$id).toBe(SCHEMA_ID);
    expect(schema.properties['meter']?.properties?.['interval']).toMatchObject({
      type: 'string',
      default: '500ms',
    });
    expect(schema.properties['benchmarks']?.items?.properties['timeout']).toMatchObject({
      type: 'string',
      default: '30m',
    });
  });

  it('gives every property a description', () => {
    const missing: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const { properties, items } = node as { properties?: Record<string, unknown>; items?: unknown };
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (!(child as { description?: string }).description) missing.push(`${at}.${key}`);
        visit(child, `${at}.${key}`);
      }
      visit(items, `${at}[]`);
    };
    visit(buildJsonSchema(), '');
    expect(missing).toEqual([]);
  });
});
