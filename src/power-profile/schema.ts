import { z } from 'zod';
import { field, quotingHint } from '../config/expectations.js';

/**
 * A measured power profile of a runner (`powerProfile:` in carbon-gate.yml), written by
 * `carbon-gate calibrate` or by hand. Validated like the config, with the same one-line errors.
 */

const MAX_W = 100_000;

const watts = (doc: string) =>
  field(z.number().min(0).max(MAX_W), doc, {
    expected: `a power in watts from 0 to ${MAX_W}`,
    hint: quotingHint('number'),
  });

const point = field(
  z.strictObject({
    utilisation: field(z.number().min(0).max(1), 'System CPU utilisation, 0 to 1.', {
      expected: 'a utilisation from 0 to 1',
      hint: (found) =>
        typeof found === 'number' && found > 1 && found <= 100 ? `write ${found / 100}` : undefined,
    }),
    watts: watts('CPU power at that utilisation, W.'),
  }),
  'One measured point of the load curve.',
  { expected: 'a mapping with utilisation and watts' },
);

type Point = z.output<typeof point>;

/** Each point above the one before: the curve is a function of utilisation. */
function increasing(points: Point[], ctx: z.RefinementCtx): void {
  points.forEach((p, i) => {
    const prev = points[i - 1];
    // Out-of-range points already have their own error; comparing with them would only confuse.
    const inRange = (x: number) => x >= 0 && x <= 1;
    if (prev && inRange(prev.utilisation) && inRange(p.utilisation) && p.utilisation <= prev.utilisation)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'utilisation'],
        message: 'utilisation not increasing',
        params: { expected: `a utilisation above the previous point's (${prev.utilisation})` },
      });
  });
}

export const PowerProfileSchema = field(
  z
    .strictObject({
      $schema: field(z.string(), 'JSON Schema URL or path for editors; ignored.', {
        expected: 'a string',
      }).optional(),
      version: field(z.literal(1), 'Profile format version; must be 1.', {
        expected: '1 (the profile format version)',
      }),
      machine: field(z.string().max(200), 'Free text naming the machine or runner type.', {
        expected: 'a string of at most 200 characters',
      }).optional(),
      cpuModel: field(z.string().max(200), 'CPU model the profile was measured on.', {
        expected: 'a string of at most 200 characters',
      }).optional(),
      source: field(z.enum(['calibrate', 'manual']), 'How the profile was obtained.', {
        expected: 'one of "calibrate" or "manual"',
      }),
      idleW: watts('CPU power at utilisation 0, W.'),
      loadW: field(z.array(point).min(2).superRefine(increasing), 'CPU power at increasing utilisations.', {
        expected: 'a list of at least 2 {utilisation, watts} points',
      }),
      memoryW: watts('Memory power, W, constant; omitted: memory is estimated from its size.').optional(),
      gpuIdleW: watts('GPU power at rest, W (recorded; GPUs are metered by their own meter).').optional(),
      measuredAt: field(z.string().max(64), 'When the profile was measured (ISO 8601).', {
        expected: 'a date-time string like "2025-01-31T12:00:00Z"',
      }).optional(),
    })
    .superRefine((profile, ctx) => {
      // A point at 0 restates the idle power; two different values would make the curve ambiguous.
      const first = profile.loadW[0];
      if (first && first.utilisation === 0 && first.watts !== profile.idleW)
        ctx.addIssue({
          code: 'custom',
          path: ['loadW', 0, 'watts'],
          message: 'differs from idleW',
          params: { expected: `idleW (${profile.idleW}) at utilisation 0` },
        });
    }),
  'A measured power profile: CPU watts against utilisation.',
  { expected: 'a JSON object with version, source, idleW and loadW' },
);

export type PowerProfile = z.output<typeof PowerProfileSchema>;
