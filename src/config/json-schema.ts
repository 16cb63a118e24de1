import { z } from 'zod';
import { ConfigSchema } from './schema.js';

/**
 * The published JSON Schema for carbon-gate.yml, generated from the zod schema so the two
 * cannot drift. It describes the input side: what users write (durations as "30s"), with
 * defaults as written, not the parsed output.
 */

// A URN rather than a URL: it identifies the schema without promising it is hosted anywhere.
export const SCHEMA_ID = 'urn:carbon-gate:config:v1';

export function buildJsonSchema(): Record<string, unknown> {
  const { $schema, description, ...body } = z.toJSONSchema(ConfigSchema, {
    io: 'input',
    target: 'draft-2020-12',
  });
  // Identification first, so the file reads top-down like documentation.
  return { $schema, $id: SCHEMA_ID, title: 'carbon-gate configuration', description, ...body };
}

/** The exact text of schema/carbon-gate.schema.json. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
