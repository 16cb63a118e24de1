import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SUITE_LIMITS } from '../../src/config/limits.js';
import { parseConfigText } from '../../src/config/validate.js';
import { GATED_REPEAT } from '../../src/gate/resolve-budget.js';
import { RECORD_LIMITS, runRecordSchema } from '../../src/github/history/record.js';
import { REPORT_LIMITS } from '../../src/report/schema.js';
import { runRecord } from '../github/history/branch-files.js';

/**
 * Issue 12, item 9: one set of limits. Whatever the config accepts, the report and the history record
 * accept: the report's and the record's caps are the config's, imported from src/config/limits.ts.
 */
const config = (n: number, extra: Record<string, unknown> = {}) =>
  stringify({
    version: 1,
    benchmarks: Array.from({ length: n }, (_, i) => ({
      name: `b${i}`,
      kind: 'other',
      run: 'true',
      ...extra,
    })),
  });

describe('suite limits come from one place', () => {
  it('the report and the record take the config’s limits', () => {
    expect(REPORT_LIMITS.benchmarks).toBe(SUITE_LIMITS.benchmarks);
    expect(RECORD_LIMITS.benchmarks).toBe(SUITE_LIMITS.benchmarks);
    // A benchmark's samples are its metered repeats; a suite's, at most the suite total.
    expect(RECORD_LIMITS.samples).toBe(SUITE_LIMITS.repeat);
    expect(REPORT_LIMITS.samples).toBeGreaterThanOrEqual(SUITE_LIMITS.repeat);
    expect(RECORD_LIMITS.suiteSamples).toBe(SUITE_LIMITS.suiteRepeats);
  });

  it('a config at the benchmark limit validates; one more is refused in one line naming the field', () => {
    expect(parseConfigText(config(SUITE_LIMITS.benchmarks), 'c.yml').ok).toBe(true);
    const over = parseConfigText(config(SUITE_LIMITS.benchmarks + 1), 'c.yml');
    expect(over.ok).toBe(false);
    const errors = over.ok ? [] : over.errors;
    expect(errors).toEqual([
      `c.yml: benchmarks: expected a non-empty list of at most ${SUITE_LIMITS.benchmarks} benchmarks, found a list; it has ${SUITE_LIMITS.benchmarks + 1} (split the suite into several configs)`,
    ]);
  });

  it('a list far over the limit, each entry broken too, is still one line about the count', () => {
    const text = `version: 1\nbenchmarks:\n${'  - {name: a, kind: x, run: ""}\n'.repeat(2 * SUITE_LIMITS.benchmarks)}`;
    const over = parseConfigText(text, 'c.yml');
    expect(over.ok ? [] : over.errors).toEqual([
      expect.stringMatching(/^c\.yml: benchmarks: expected a non-empty list of at most/),
    ]);
  });

  it('metered repeats over the suite are capped too (unset repeat counts as the gated default)', () => {
    const per = SUITE_LIMITS.suiteRepeats / 10;
    expect(parseConfigText(config(10, { repeat: per }), 'c.yml').ok).toBe(true);
    const over = parseConfigText(config(11, { repeat: per }), 'c.yml');
    expect(over.ok ? [] : over.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^c\\.yml: benchmarks: expected at most ${SUITE_LIMITS.suiteRepeats} metered repeats in all`,
        ),
      ),
    ]);
    expect(SUITE_LIMITS.benchmarks * GATED_REPEAT).toBeLessThanOrEqual(SUITE_LIMITS.suiteRepeats);
  });

  it('a record of the config’s maximum suite validates', () => {
    const sha = 'e'.repeat(40);
    const record = runRecord(sha, new Date('2025-01-01T00:00:00Z'), { benchmarks: SUITE_LIMITS.benchmarks });
    expect(runRecordSchema.safeParse(record).error?.issues[0]).toBeUndefined();
  });
});
