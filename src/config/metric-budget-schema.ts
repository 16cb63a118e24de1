import { z } from 'zod';
import { PERCENT_PATTERN, parsePercent } from '../units.js';
import { field, quotingHint } from './expectations.js';

/**
 * `budget.metrics`: limits on what a benchmark reports through its metrics file (accuracy, loss, PSNR…).
 *
 *   metrics:
 *     accuracy: { min: 0.85 }                      # short form: the fail tier
 *     loss: { max: { warn: 0.5, fail: 0.6 } }
 *     accuracy: { drop: { warn: 0.005, fail: 0.01 } } # vs the baseline, absolute (0.01 = 1 point of a 0–1 metric)
 *     psnrDb: { drop: 5% }                        # or relative to the baseline's value
 *
 * min/max judge the median over successful repeats; drop/rise judge the baseline comparison's interval,
 * as energy regressions do. Comes out as `{ min?: Tier, max?: Tier, drop?: Tier & {relative}, rise?: … }`.
 */

// Not __proto__: a record would drop that key without a word, and the limit would vanish.
export const METRIC_NAME = /^(?!__proto__$)[A-Za-z0-9_.-]{1,64}$/;
// Each may add 8 budget uses (min, max, drop, rise × warn, fail): REPORT_LIMITS.budgetUse allows for them.
export const MAX_METRIC_BUDGETS = 16;

const value = field(z.number(), 'A value of the metric, in its own unit.', {
  expected: 'a number',
  hint: quotingHint('number'),
});

/** warn and/or fail; `stricter` says which side warn must be on (warn is reached first). */
function bound(side: 'min' | 'max') {
  const ordered = (t: { warn?: number; fail?: number }) =>
    t.warn === undefined || t.fail === undefined || (side === 'min' ? t.warn >= t.fail : t.warn <= t.fail);
  const tiers = z
    .strictObject({ warn: value.optional(), fail: value.optional() })
    .refine((t) => t.warn !== undefined || t.fail !== undefined, {
      params: { expected: 'warn and/or fail' },
    })
    .refine(ordered, {
      params: { expected: side === 'min' ? 'warn at least fail (min)' : 'warn at most fail (max)' },
    });
  return field(
    z.union([value.transform((fail) => ({ fail })), tiers]),
    side === 'min'
      ? 'Lowest acceptable median: a number (fails below it) or warn/fail.'
      : 'Highest acceptable median: a number (fails above it) or warn/fail.',
    { expected: `a number or a mapping with warn and/or fail (${side})`, hint: quotingHint('number') },
  );
}

/** A change limit: a number (absolute, in the metric's unit) or a percentage (relative to the baseline). */
const change = field(
  z.union([
    z.number().positive(),
    z
      .string()
      .regex(new RegExp(PERCENT_PATTERN))
      .refine((s) => parsePercent(s)! > 0)
      .transform((s) => ({ relative: parsePercent(s)! })),
  ]),
  'A change: a number in the metric’s unit (0.01 = one point of a 0–1 accuracy) or a percentage of the baseline’s value, like 2%.',
  { expected: 'a number > 0 or a percentage like 2%' },
);

type Change = number | { relative: number };
const isRelative = (c: Change | undefined) => typeof c === 'object';
const amount = (c: Change | undefined) =>
  c === undefined ? undefined : typeof c === 'number' ? c : c.relative;

function movement(direction: 'drop' | 'rise') {
  const tiers = z
    .strictObject({ warn: change.optional(), fail: change.optional() })
    .refine((t) => t.warn !== undefined || t.fail !== undefined, { params: { expected: 'warn and/or fail' } })
    .refine(
      (t) => t.warn === undefined || t.fail === undefined || isRelative(t.warn) === isRelative(t.fail),
      {
        params: { expected: 'warn and fail both absolute or both percentages' },
      },
    )
    .refine((t) => t.warn === undefined || t.fail === undefined || amount(t.warn)! <= amount(t.fail)!, {
      params: { expected: `warn at most fail (${direction})` },
    });
  return field(
    z
      .union([change.transform((fail): { warn?: Change; fail?: Change } => ({ fail })), tiers])
      .transform((t) => {
        const relative = isRelative(t.warn ?? t.fail);
        return {
          ...(t.warn !== undefined ? { warn: amount(t.warn)! } : {}),
          ...(t.fail !== undefined ? { fail: amount(t.fail)! } : {}),
          relative,
        };
      }),
    direction === 'drop'
      ? 'Largest acceptable fall against the baseline (higher is better: accuracy): a change or warn/fail.'
      : 'Largest acceptable rise against the baseline (lower is better: loss): a change or warn/fail.',
    { expected: `a change (0.01 or 2%) or a mapping with warn and/or fail (${direction})` },
  );
}

const limits = field(
  z
    .strictObject({
      min: bound('min').optional(),
      max: bound('max').optional(),
      drop: movement('drop').optional(),
      rise: movement('rise').optional(),
    })
    .refine((l) => Object.keys(l).length > 0, {
      params: { expected: 'at least one of min, max, drop, rise' },
    }),
  'Limits on one metric: min/max on its median, drop/rise against the baseline.',
  { expected: 'a mapping with min, max, drop and/or rise' },
);

export const MetricBudgetsSchema = field(
  z
    .record(
      field(z.string().regex(METRIC_NAME), 'A metric name the benchmark reports.', {
        expected: 'a metric name (letters, digits, _ . -; at most 64)',
      }),
      limits,
    )
    .refine((r) => Object.keys(r).length <= MAX_METRIC_BUDGETS, {
      params: { expected: `at most ${MAX_METRIC_BUDGETS} metrics` },
    }),
  'Limits on metrics the benchmark reports (accuracy, loss…): a metric it did not report is an error.',
  { expected: 'a mapping from metric names to limits' },
);

export type MetricBudgets = z.output<typeof MetricBudgetsSchema>;

/** `quality` (top level or per benchmark): the metric that counts as quality; higher must be better. */
export const QualityField = field(
  z.string().regex(METRIC_NAME),
  'The reported metric that counts as quality (higher is better) for efficiency figures and regression.metric: efficiency; default accuracy.',
  { expected: 'a metric name like accuracy or psnrDb', hint: quotingHint('string') },
);
export const DEFAULT_QUALITY = 'accuracy';
