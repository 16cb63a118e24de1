import { z } from 'zod';
import { durationField } from './duration-field.js';
import { BenchmarksSchema } from './benchmark-schema.js';
import { BudgetSchema } from './budget-schema.js';
import { EmbodiedSchema, IntensitySchema, ProjectionSchema } from './carbon-schema.js';
import { field, quotingHint } from './expectations.js';
import { QualityField } from './metric-budget-schema.js';

/**
 * The carbon-gate.yml schema: the single source of truth for validation, the parsed types,
 * the published JSON Schema and the docs/config.md table. Objects are strict so a typo'd key is an
 * error rather than a silently ignored setting. Durations are written with units and come
 * out as seconds (`timeoutS`, `intervalS`).
 */

const meter = field(
  z
    .strictObject({
      interval: durationField({
        doc: 'How often energy counters are sampled, from 50ms to 60s, e.g. 500ms.',
        minS: 0.05,
        maxS: 60,
        expected: 'a duration from 50ms to 60s like 500ms or 1s',
      }).prefault('500ms'),
    })
    .transform(({ interval }) => ({ intervalS: interval })),
  'Energy metering settings.',
  { expected: 'a mapping with an optional interval' },
).prefault({});

export const ConfigSchema = field(
  z.strictObject({
    $schema: field(z.string(), 'JSON Schema URL or path for editors; ignored by carbon-gate.', {
      expected: 'a string',
    }).optional(),
    version: field(z.literal(1), 'Config format version; must be 1.', {
      expected: '1 (the config format version this carbon-gate reads)',
      hint: (found) =>
        typeof found === 'number' && found > 1 ? 'this file may need a newer carbon-gate' : undefined,
    }),
    region: field(
      z
        .string()
        .max(64)
        .regex(/^[A-Za-z0-9:_-]+$/),
      'Grid region: ISO 3166-1 (FR, DEU), ISO 3166-2 (US-WA), cloud region (azure:eastus, aws:eu-north-1, gcp:europe-west1), auto (detect on Azure) or world.',
      { expected: 'a region code like "FR", "DEU", "US-WA", "azure:eastus", "auto" or "world"' },
    ).optional(),
    pue: field(z.number().min(1).max(3), 'Power usage effectiveness of the data centre (1 to 3).', {
      expected: 'a number from 1 to 3',
      hint: quotingHint('number'),
    }).optional(),
    intensity: IntensitySchema.optional(),
    embodied: EmbodiedSchema.optional(),
    projection: ProjectionSchema.optional(),
    meter,
    powerProfile: field(
      z.string().min(1).max(4096),
      'Measured power profile of the runner (JSON from `carbon-gate calibrate`), relative to this file; used when RAPL is not readable.',
      {
        expected: 'a path to a power profile JSON file, e.g. ./runner-power.json',
        hint: quotingHint('string'),
      },
    ).optional(),
    quality: QualityField.optional(),
    budget: BudgetSchema.optional(),
    benchmarks: BenchmarksSchema,
  }),
  'carbon-gate.yml: the benchmarks carbon-gate runs and meters, and how their energy converts to CO2e.',
  { expected: 'a mapping with version and benchmarks' },
);

export type Config = z.output<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type { BenchmarkConfig, BenchmarkKind } from './benchmark-schema.js';
export { BENCHMARK_KINDS } from './benchmark-schema.js';
