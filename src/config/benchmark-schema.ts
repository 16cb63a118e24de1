import { z } from 'zod';
import { BenchmarkBudgetSchema } from './budget-schema.js';
import { durationField } from './duration-field.js';
import { field, quotingHint } from './expectations.js';
import { QualityField } from './metric-budget-schema.js';
import { SUITE_LIMITS } from './limits.js';
import { closestMatch } from './suggest.js';
import { TfjsSchema } from './tfjs-schema.js';
import { UNIT_NAMES } from '../carbon/functional-unit.js';
import { DEFAULT_MAX_REPEAT } from '../gate/adaptive.js';
import { GATED_REPEAT } from '../gate/resolve-budget.js';

/** One entry of `benchmarks`: a command to run and meter. See schema.ts for the conventions. */

export const BENCHMARK_KINDS = ['training', 'inference', 'other'] as const;

const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);
const hasText = (s: string) => s.trim() !== '';

const name = field(
  // Single line: names key baselines and rows of Markdown tables, where a newline breaks both.
  z
    .string()
    .min(1)
    .max(100)
    .refine((s) => hasText(s) && !/[\r\n]/.test(s)),
  'Unique name of the benchmark; reports and baselines are keyed by it.',
  { expected: 'a non-empty single-line name (at most 100 characters)', hint: quotingHint('string') },
);

const kind = field(z.enum(BENCHMARK_KINDS), 'What the benchmark exercises; reports group results by it.', {
  expected: 'one of "training", "inference" or "other"',
  hint: (found) => {
    const match = typeof found === 'string' ? closestMatch(found, BENCHMARK_KINDS) : undefined;
    return match ? `did you mean "${match}"?` : undefined;
  },
});

// Portable names only: "=" or spaces in a name cannot be passed to a child process.
const envName = field(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), 'Environment variable name.', {
  expected: 'an environment variable name (letters, digits and _, not starting with a digit)',
});
const envValue = field(z.string(), 'Environment variable value (always a string).', {
  expected: 'a string',
  hint: (found) => (found === null ? 'write "" for an empty value' : quotingHint('string')(found)),
});

export const BenchmarkSchema = z
  .strictObject({
    name,
    kind,
    run: field(
      z.string().min(1).refine(hasText),
      'Shell command that runs the benchmark once (or give tfjs).',
      {
        expected: 'a non-empty shell command',
        hint: quotingHint('string'),
      },
    ).optional(),
    tfjs: TfjsSchema.optional(),
    cwd: field(z.string().min(1), "Working directory, relative to the config file's directory.", {
      expected: 'a non-empty directory path',
    }).optional(),
    env: field(z.record(envName, envValue), 'Extra environment variables for the command.', {
      expected: 'a mapping of variable names to string values',
    }).default({}),
    // No default here: it depends on whether the benchmark is gated (specs-from-config.ts decides).
    repeat: field(
      wholeNumber(1, SUITE_LIMITS.repeat),
      'Metered runs; the report gives their median and every sample. Default 1, or 5 when gated (a budget or a baseline).',
      {
        expected: `a whole number from 1 to ${SUITE_LIMITS.repeat}`,
        hint: quotingHint('number'),
      },
    ).optional(),
    // Only `run --ab` / `baseline: ab` reads these (specs-from-config.ts gives maxRepeat its default there).
    maxRepeat: field(
      wholeNumber(1, SUITE_LIMITS.repeat),
      `A/B only (adaptive pairs): pairs may be added beyond \`repeat\` while the interval straddles a regression limit, up to this many. Default ${DEFAULT_MAX_REPEAT} with an A/B baseline; at least \`repeat\`.`,
      {
        expected: `a whole number from 1 to ${SUITE_LIMITS.repeat}, at least repeat`,
        hint: quotingHint('number'),
      },
    ).optional(),
    maxTime: durationField({
      doc: "A/B only (adaptive pairs): no pairs are added once the next look's would run past this much time for this benchmark's pairs, e.g. 10m or 1h (at most 24h).",
      minS: 0,
      exclusiveMin: true,
      maxS: 24 * 3600,
      expected: 'a duration > 0 like 10m or 1h (at most 24h)',
    }).optional(),
    warmup: field(
      wholeNumber(0, SUITE_LIMITS.warmup),
      'Unmeasured runs before the measured ones (caches, JIT).',
      {
        expected: `a whole number from 0 to ${SUITE_LIMITS.warmup}`,
        hint: quotingHint('number'),
      },
    ).default(0),
    // Capped at 24h: Node timers overflow past ~24.8 days and would fire at once.
    timeout: durationField({
      doc: 'Time limit for each run, more than 0 and at most 24h, e.g. 30s, 10m or 1h; the run is killed and fails after it.',
      minS: 0,
      exclusiveMin: true,
      maxS: 24 * 3600,
      expected: 'a duration > 0 like 30s, 10m or 1h (at most 24h)',
    }).prefault('30m'),
    unit: field(
      z.strictObject({
        name: field(z.enum(UNIT_NAMES), 'What one unit is.', {
          expected: 'one of "epoch", "inference", "sample" or "run"',
          hint: (found) => {
            const match = typeof found === 'string' ? closestMatch(found, UNIT_NAMES) : undefined;
            return match ? `did you mean "${match}"?` : undefined;
          },
        }),
        count: field(wholeNumber(1, 1e12), 'Units one run performs.', {
          expected: 'a whole number ≥ 1',
          hint: quotingHint('number'),
        }),
      }),
      'Functional unit (SCI R): the report adds energy and CO2e per unit and per 1,000 units.',
      { expected: 'a mapping with name and count' },
    ).optional(),
    quality: QualityField.optional(),
    budget: BenchmarkBudgetSchema.optional(),
  })
  // `when`: also flagged beside other errors in the entry, as a missing `run` always was.
  .superRefine(exactlyOneOfRunOrTfjs, { when: (payload) => isMapping(payload.value) })
  .superRefine(maxRepeatAtLeastRepeat)
  .transform(({ timeout, maxTime, ...rest }) => ({
    ...rest,
    timeoutS: timeout,
    ...(maxTime !== undefined ? { maxTimeS: maxTime } : {}),
  }));

/** Pairs added beyond `repeat` need room: a cap below it (or below the gated default) is a mistake. */
function maxRepeatAtLeastRepeat(entry: { repeat?: number; maxRepeat?: number }, ctx: z.RefinementCtx): void {
  const valid = (n: unknown) =>
    Number.isInteger(n) && (n as number) >= 1 && (n as number) <= SUITE_LIMITS.repeat;
  // Either invalid has its own error line already (zod runs this check beside theirs).
  if (!valid(entry.maxRepeat) || (entry.repeat !== undefined && !valid(entry.repeat))) return;
  const repeat = entry.repeat ?? GATED_REPEAT;
  if (entry.maxRepeat! >= repeat) return;
  const expected = `a whole number ≥ repeat (${repeat}${entry.repeat === undefined ? ', the default when gated' : ''})`;
  ctx.addIssue({ code: 'custom', path: ['maxRepeat'], message: expected, params: { expected } });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A benchmark is a shell command or a TF.js benchmark, never both (which one would run?). */
function exactlyOneOfRunOrTfjs(entry: unknown, ctx: z.RefinementCtx): void {
  if (!isMapping(entry)) return;
  const hasRun = entry['run'] !== undefined;
  const hasTfjs = entry['tfjs'] !== undefined;
  if (hasRun === hasTfjs) {
    const expected = hasRun
      ? 'either run or tfjs, not both'
      : 'a shell command in run, or a TF.js benchmark in tfjs (exactly one of them)';
    ctx.addIssue({
      code: 'custom',
      path: [hasRun ? 'tfjs' : 'run'],
      message: expected,
      params: { expected },
    });
  }
}

const benchmarkEntry = field(BenchmarkSchema, 'A command to run and meter.', {
  expected: 'a mapping with name, kind and run (or tfjs)',
});

/** Flags each repeated name, pointing at the entry that used it first. */
function reportDuplicateNames(list: unknown[], ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  list.forEach((entry, i) => {
    // Entries may still be raw input here (see `when` below), so nothing is assumed.
    const entryName = (entry as { name?: unknown } | null)?.name;
    if (typeof entryName !== 'string') return;
    const first = firstIndex.get(entryName);
    if (first === undefined) firstIndex.set(entryName, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [i, 'name'],
        message: 'duplicate benchmark name',
        params: { expected: `a unique name (benchmarks[${first}] already uses it)` },
      });
  });
}

/**
 * Every metered repeat is a sample in the report and the history record, whose byte caps assume at most
 * SUITE_LIMITS.suiteRepeats of them; a benchmark without `repeat` counts as gated (the larger default), one
 * with `maxRepeat` as that many (adaptive pairs may run them all).
 */
function reportTooManyRepeats(list: unknown[], ctx: z.RefinementCtx): void {
  const total = list.reduce<number>((sum, entry) => {
    const { repeat, maxRepeat } = (entry ?? {}) as { repeat?: unknown; maxRepeat?: unknown };
    // An invalid repeat has its own error line; here it counts as the default.
    const valid = (n: unknown): n is number =>
      Number.isInteger(n) && (n as number) >= 1 && (n as number) <= SUITE_LIMITS.repeat;
    // A set maxRepeat is as many samples as an A/B run may take (specs-from-config.ts keeps its default within the cap).
    return sum + Math.max(valid(repeat) ? repeat : GATED_REPEAT, valid(maxRepeat) ? maxRepeat : 0);
  }, 0);
  if (total <= SUITE_LIMITS.suiteRepeats) return;
  const expected = `at most ${SUITE_LIMITS.suiteRepeats} metered repeats in all (repeat, or maxRepeat where larger, summed over the benchmarks, ${GATED_REPEAT} where unset; these sum to ${total})`;
  ctx.addIssue({ code: 'custom', path: [], message: expected, params: { expected } });
}

export const BenchmarksSchema = field(
  z
    .array(benchmarkEntry)
    .min(1)
    .max(SUITE_LIMITS.benchmarks)
    // `when`: report duplicates alongside other errors, not only once every entry is valid.
    .superRefine(reportDuplicateNames, { when: (payload) => Array.isArray(payload.value) })
    // Only for a list within the count: one line about its length says enough.
    .superRefine(reportTooManyRepeats, {
      when: (payload) => Array.isArray(payload.value) && payload.value.length <= SUITE_LIMITS.benchmarks,
    }),
  `Benchmarks to run, in order: at most ${SUITE_LIMITS.benchmarks}, with at most ${SUITE_LIMITS.suiteRepeats} metered repeats in all.`,
  {
    expected: `a non-empty list of at most ${SUITE_LIMITS.benchmarks} benchmarks`,
    hint: (found) =>
      Array.isArray(found) && found.length > SUITE_LIMITS.benchmarks
        ? `it has ${found.length} (split the suite into several configs)`
        : undefined,
  },
);

export type BenchmarkConfig = z.output<typeof BenchmarkSchema>;
export type BenchmarkKind = (typeof BENCHMARK_KINDS)[number];
