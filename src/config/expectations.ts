import { z } from 'zod';

/**
 * What a field accepts, in words, for "expected …, found …" error lines. `hint` may add
 * advice for one particular wrong value (e.g. an unquoted number where a string belongs).
 */
export interface Expectation {
  expected: string;
  hint?: (found: unknown) => string | undefined;
}

// A private registry rather than .meta(): global metadata would leak into the JSON Schema.
export const expectations = z.registry<Expectation>();

/**
 * Documents a schema once for both audiences: `doc` becomes the JSON Schema description (and
 * docs/config.md table), `expectation` words the error when a value does not fit.
 */
export function field<T extends z.ZodType>(schema: T, doc: string, expectation: Expectation): T {
  const described = schema.describe(doc);
  // Widened for the registry's conditional typing, which cannot resolve a generic T.
  expectations.add(described as z.ZodType, expectation);
  return described;
}

/** Hint for YAML values that parsed as the wrong scalar type because of missing/extra quotes. */
export function quotingHint(want: 'string' | 'number'): (found: unknown) => string | undefined {
  return (found) => {
    if (want === 'string' && (typeof found === 'number' || typeof found === 'boolean')) {
      return `quote it ("${String(found)}") so YAML keeps it a string`;
    }
    if (want === 'number' && typeof found === 'string' && found.trim() !== '' && Number.isFinite(+found)) {
      return 'remove the quotes';
    }
    return undefined;
  };
}
