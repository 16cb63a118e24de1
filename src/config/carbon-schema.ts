import { z } from 'zod';
import { GRID_METHODS } from '../carbon/grid-method.js';
import { INTENSITY_SOURCES } from '../carbon/intensity-source.js';
import { LONG_DURATION_PATTERN, parseLongDuration } from '../units.js';
import { field, quotingHint } from './expectations.js';
import { closestMatch } from './suggest.js';

/** Config keys for the carbon conversion: live intensity, embodied carbon, Patterson projection. */

// Env variable *names*: the config must never hold a secret itself.
const envRef = (doc: string) =>
  field(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), doc, {
    expected: 'an environment variable name (the config names the variable; it never holds the secret)',
  }).optional();

export const IntensitySchema = field(
  z.strictObject({
    source: field(
      z.enum(INTENSITY_SOURCES),
      'Where the grid intensity comes from: embedded tables, or one live fetch per run (falls back to embedded on any failure).',
      {
        expected: 'one of "embedded", "electricity-maps", "watttime" or "uk"',
        hint: (found) => {
          const m = typeof found === 'string' ? closestMatch(found, INTENSITY_SOURCES) : undefined;
          return m ? `did you mean "${m}"?` : undefined;
        },
      },
    ).optional(),
    zone: field(
      z
        .string()
        .min(1)
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/),
      "The live provider's zone or region when it differs from `region` (Electricity Maps zone, WattTime region).",
      { expected: 'a zone name like "DE", "US-CAL-CISO" or "CAISO_NORTH"' },
    ).optional(),
    method: field(
      z.enum(GRID_METHODS),
      'Method wanted: lifecycle, operational or marginal; asked of Electricity Maps. A source that cannot give it keeps its figure, with a note.',
      {
        expected: 'one of "lifecycle", "operational" or "marginal"',
        hint: (found) => {
          if (found === 'direct') return 'Electricity Maps\' "direct" factors are "operational"';
          const m = typeof found === 'string' ? closestMatch(found, GRID_METHODS) : undefined;
          return m ? `did you mean "${m}"?` : undefined;
        },
      },
    ).optional(),
    tokenEnv: envRef(
      'Env variable holding the Electricity Maps token (default CARBON_GATE_ELECTRICITY_MAPS_TOKEN).',
    ),
    usernameEnv: envRef(
      'Env variable holding the WattTime username (default CARBON_GATE_WATTTIME_USERNAME).',
    ),
    passwordEnv: envRef(
      'Env variable holding the WattTime password (default CARBON_GATE_WATTTIME_PASSWORD).',
    ),
  }),
  'Grid intensity source and provider settings.',
  { expected: 'a mapping with source, zone, method, tokenEnv, usernameEnv or passwordEnv' },
);

const lifetime = field(
  z
    .string()
    .regex(new RegExp(LONG_DURATION_PATTERN))
    .transform((text, ctx) => {
      const s = parseLongDuration(text);
      if (s !== null && s > 0) return s;
      ctx.issues.push({ code: 'custom', message: 'a duration > 0 like 4y or 1460d', input: text });
      return z.NEVER;
    }),
  'Expected lifespan of the machine, e.g. 4y or 1460d (y = 365 days).',
  {
    expected: 'a duration > 0 like 4y or 1460d',
    hint: (f) => (typeof f === 'number' ? `add a unit, e.g. "${f}y"` : undefined),
  },
);

const embodiedModel = z
  .strictObject({
    totalKg: field(z.number().positive().max(1e6), 'Embodied emissions of the whole machine, kg CO2e.', {
      expected: 'a number of kg > 0',
      hint: quotingHint('number'),
    }),
    lifetime,
    share: field(
      z.number().positive().max(1),
      'Share of the machine reserved, 0 to 1 (e.g. 0.03125 for 4 of 128 threads).',
      {
        expected: 'a number > 0 and at most 1',
        hint: quotingHint('number'),
      },
    ),
  })
  .transform(({ lifetime: lifetimeS, ...rest }) => ({ ...rest, lifetimeS }));

export const EmbodiedSchema = field(
  z.union([z.literal('github-hosted'), z.literal('none'), embodiedModel]),
  'Embodied carbon (SCI M): "github-hosted", "none", or { totalKg, lifetime, share }. Default: github-hosted on such a runner, else not counted.',
  { expected: '"github-hosted", "none" or a mapping with totalKg, lifetime and share' },
);

export const ProjectionSchema = field(
  z.strictObject({
    queriesPerDay: field(z.number().min(0).max(1e12), 'Expected inference queries per day.', {
      expected: 'a number ≥ 0',
      hint: quotingHint('number'),
    }),
    days: field(z.number().positive().max(36500), 'Days of serving to project.', {
      expected: 'a number of days > 0',
      hint: quotingHint('number'),
    }),
  }),
  'Patterson et al. projection: training energy + queries × energy per inference.',
  { expected: 'a mapping with queriesPerDay and days' },
);
