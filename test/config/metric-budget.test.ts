import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/validate.js';
import { resolveBudget } from '../../src/gate/resolve-budget.js';
import { withBench, withTop } from './helpers.js';

/** Issue 17 §1: budget.metrics, short and tiered forms, and the errors a user sees for bad ones. */
const parse = (text: string) => parseConfigText(text, 'carbon-gate.yml');
const metricsOf = (metrics: unknown) => {
  const r = parse(withTop({ budget: { metrics } }));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config.budget!.metrics;
};

describe('budget.metrics config', () => {
  it.each([
    ['short min', { accuracy: { min: 0.85 } }, { accuracy: { min: { fail: 0.85 } } }],
    ['short max', { loss: { max: 0.6 } }, { loss: { max: { fail: 0.6 } } }],
    [
      'tiers',
      { accuracy: { min: { warn: 0.9, fail: 0.85 } }, loss: { max: { warn: 0.5, fail: 0.6 } } },
      { accuracy: { min: { warn: 0.9, fail: 0.85 } }, loss: { max: { warn: 0.5, fail: 0.6 } } },
    ],
    [
      'absolute drop',
      { accuracy: { drop: { warn: 0.005, fail: 0.01 } } },
      { accuracy: { drop: { warn: 0.005, fail: 0.01, relative: false } } },
    ],
    ['short drop', { accuracy: { drop: 0.01 } }, { accuracy: { drop: { fail: 0.01, relative: false } } }],
    ['relative rise', { loss: { rise: '5%' } }, { loss: { rise: { fail: 0.05, relative: true } } }],
    [
      'relative tiers',
      { psnrDb: { drop: { warn: '2%', fail: '5%' } } },
      { psnrDb: { drop: { warn: 0.02, fail: 0.05, relative: true } } },
    ],
  ])('%s', (_, input, expected) => {
    expect(metricsOf(input)).toEqual(expected);
  });

  it.each([
    [{ accuracy: { min: { warn: 0.8, fail: 0.85 } } }, 'budget.metrics.accuracy.min', 'warn at least fail'],
    [{ loss: { max: { warn: 0.7, fail: 0.6 } } }, 'budget.metrics.loss.max', 'warn at most fail'],
    [{ accuracy: { drop: { warn: 0.01, fail: '2%' } } }, 'budget.metrics.accuracy.drop', 'both absolute'],
    [{ accuracy: { drop: -0.01 } }, 'budget.metrics.accuracy.drop', 'a change'],
    [{ accuracy: { min: '0.9' } }, 'budget.metrics.accuracy.min', 'remove the quotes'],
    [{ accuracy: { minimum: 0.9 } }, 'budget.metrics.accuracy', 'minimum'],
    [{ accuracy: {} }, 'budget.metrics.accuracy', 'at least one of min, max, drop, rise'],
    [{ 'acc uracy': { min: 0.9 } }, 'budget.metrics', 'a metric name'],
    [{ accuracy: { drop: '0%' } }, 'budget.metrics.accuracy.drop', 'a change'],
  ])('%j is refused on one line naming the field', (metrics, where, words) => {
    const r = parse(withTop({ budget: { metrics } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = r.errors.find((e) => e.includes(where));
    expect(line, r.errors.join('\n')).toBeDefined();
    expect(line).toContain(words);
    expect(line).not.toContain('\n');
  });

  it('a metric named __proto__ is refused, not dropped without a word', () => {
    const r = parse(
      "version: 1\nbudget: { metrics: { __proto__: { min: 0.9 } } }\nbenchmarks: [{ name: t, kind: other, run: 'true' }]\n",
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        'carbon-gate.yml: budget.metrics.__proto__: unknown key, not allowed anywhere',
      ]);
  });

  it('a benchmark’s own metric limits replace the suite’s name by name; quality is recorded for efficiency', () => {
    const r = parse(
      withBench(
        {
          quality: 'psnrDb',
          budget: { metrics: { accuracy: { min: 0.5 } }, regression: { metric: 'efficiency' } },
        },
        { budget: { metrics: { accuracy: { min: 0.9 }, loss: { max: 1 } } } },
      ),
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const b = r.config.benchmarks[0]!;
    expect(b.quality).toBe('psnrDb');
    // `regression: { metric }` alone sets no tiers: the gate applies the default ones.
    expect(resolveBudget(r.config.budget, b.budget, b.quality)).toEqual({
      metric: 'efficiency',
      quality: 'psnrDb',
      metrics: { accuracy: { min: { fail: 0.5 } }, loss: { max: { fail: 1 } } },
    });
  });
});

describe('the docs’ example', () => {
  it('docs/gate.md "Quality beside energy" parses as a config', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync('docs/gate.md', 'utf8');
    const section = doc.slice(doc.indexOf('## Quality beside energy'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const r = parse(`version: 1\n${yaml}benchmarks:\n  - { name: t, kind: training, run: 'true' }\n`);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.quality).toBe('accuracy');
    expect(Object.keys(r.config.budget!.metrics!)).toEqual([
      'accuracy',
      'loss',
      'f1',
      'psnrDb',
      'perplexity',
    ]);
    expect(r.config.budget!.metric).toBe('efficiency');
  });
});
