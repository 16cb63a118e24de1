import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from '../units.js';
import { field } from './expectations.js';

interface DurationField {
  doc: string;
  /** Inclusive lower bound in seconds; `exclusiveMin` makes it a strict "> min". */
  minS: number;
  exclusiveMin?: boolean;
  maxS: number;
  expected: string;
}

/**
 * A duration written with a unit ("500ms", "30s", "10m", "1h") that parses to seconds.
 * The regex is for the JSON Schema (editors); the transform does the real check and range.
 */
export function durationField(spec: DurationField) {
  const inRange = (s: number) => (spec.exclusiveMin ? s > spec.minS : s >= spec.minS) && s <= spec.maxS;
  const schema = z
    .string()
    .regex(new RegExp(DURATION_PATTERN))
    .transform((text, ctx) => {
      const seconds = parseDuration(text);
      if (seconds !== null && inRange(seconds)) return seconds;
      ctx.issues.push({ code: 'custom', message: spec.expected, input: text });
      return z.NEVER;
    });
  return field(schema, spec.doc, {
    expected: spec.expected,
    hint: (found) => (typeof found === 'number' ? `add a unit, e.g. "${found}s"` : undefined),
  });
}
