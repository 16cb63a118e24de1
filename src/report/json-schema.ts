import { z } from 'zod';
import { ReportSchema, SCHEMA_VERSION } from './schema.js';

/**
 * The published JSON Schema for .carbon-gate/carbon-report.json, generated from the report's zod schema
 * so the two cannot drift (as src/config/json-schema.ts does for the config).
 */

// A URN rather than a URL: it identifies the schema without promising it is hosted anywhere.
export const REPORT_SCHEMA_ID = `urn:carbon-gate:report:v${SCHEMA_VERSION}`;

const DESCRIPTION =
  'What `carbon-gate run` writes. Units are in the field names: J (joules), Kwh, G (grams CO2e), S (seconds). ' +
  'Fields may be added within a schemaVersion, so objects stay open to properties this version does not list; ' +
  'removing or retyping a field bumps schemaVersion.';

export function buildReportJsonSchema(): Record<string, unknown> {
  // Input side: zod closes objects (additionalProperties: false) only for output, and a reader of a later
  // report of the same version should accept its added fields. The schema has no defaults or transforms,
  // so the two sides otherwise agree.
  const { $schema, ...body } = z.toJSONSchema(ReportSchema, { io: 'input', target: 'draft-2020-12' });
  // Identification first, so the file reads top-down like documentation.
  return { $schema, $id: REPORT_SCHEMA_ID, title: 'carbon-gate report', description: DESCRIPTION, ...body };
}

/** The exact text of schema/carbon-report.schema.json. */
export function renderReportJsonSchema(): string {
  return `${JSON.stringify(buildReportJsonSchema(), null, 2)}\n`;
}
