import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport, type ReportView } from '../../src/report/view-schema.js';
import { significantChange, shouldWriteComment } from '../../src/github/comment-policy.js';
import { nextLink } from '../../src/github/link-header.js';
import { escapeMarkdown, mermaidSafe } from '../../src/github/render/escape.js';
import { isStickyComment, stickyMarker } from '../../src/github/render/marker.js';
import { COMMENT_LIMIT, compileTemplate, renderWithinLimit } from '../../src/github/render/render-comment.js';

const fixture = (): ReportView => {
  const r = parseReport(readFileSync(path.resolve('test/fixtures/action/carbon-report.json'), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return r.report;
};
const template = compileTemplate(readFileSync(path.resolve('templates/comment.md.hbs'), 'utf8'));

describe('escapeMarkdown', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt;'],
    ['@octocat fixes #12', '&#64;octocat fixes &#35;12'],
    ['a|b', 'a&#124;b'],
    ['[x](javascript:alert(1))', '&#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41;'],
    [
      '**bold** _it_ `code` ~~s~~',
      '&#42;&#42;bold&#42;&#42; &#95;it&#95; &#96;code&#96; &#126;&#126;s&#126;&#126;',
    ],
    ['line\nbreak\r\n# heading', 'line break &#35; heading'],
    ['<!-- x -->', '&lt;&#33;-- x --&gt;'],
    ['bidi\u202eevil\u200b', 'bidievil'],
    ['plain-name_1.2', 'plain-name&#95;1.2'],
  ])('%j → %j', (input, expected) => expect(escapeMarkdown(input)).toBe(expected));

  it('caps the length', () => expect(escapeMarkdown('x'.repeat(500), 10)).toBe('xxxxxxxxxx…'));
  it.each([
    ['abc1234', 'abc1234'],
    ['"] ; x-axis', '  x-axis'],
    ['```', '?'],
  ])('mermaidSafe %j → %j', (input, expected) => expect(mermaidSafe(input)).toBe(expected));
});

describe('sticky marker', () => {
  const m = stickyMarker({ config: 'a.yml', workflow: 'w', job: 'j' });
  it('differs by config, workflow and job, and contains no user text', () => {
    const others = [
      stickyMarker({ config: 'b.yml', workflow: 'w', job: 'j' }),
      stickyMarker({ config: 'a.yml', workflow: 'w2', job: 'j' }),
      stickyMarker({ config: 'a.yml', workflow: 'w', job: 'j2' }),
      stickyMarker({ config: 'a.yml', workflow: 'w -->', job: 'j' }),
    ];
    expect(new Set([m, ...others]).size).toBe(5);
    expect(m).toMatch(/^<!-- carbon-gate:sticky:[0-9a-f]{16} -->$/);
  });
  it.each([
    [{ body: `${m}\nx`, user: { type: 'Bot' } }, true],
    [{ body: `${m}\nx`, user: { type: 'User' } }, false],
    [{ body: `quote:\n${m}`, user: { type: 'Bot' } }, false],
    [{ body: null, user: { type: 'Bot' } }, false],
    [{ body: `${m}`, user: null }, false],
  ])('isStickyComment(%j) = %s', (c, expected) => expect(isStickyComment(c, m)).toBe(expected));
});

describe('nextLink', () => {
  it.each([
    ['<https://api/x?page=2>; rel="next", <https://api/x?page=5>; rel="last"', 'https://api/x?page=2'],
    ['<https://api/x?page=1>; rel="prev", <https://api/x?page=3>; rel="next"', 'https://api/x?page=3'],
    ['<https://api/x?page=1>; rel="first"', null],
    [undefined, null],
  ])('%j → %j', (link, expected) => expect(nextLink(link)).toBe(expected));
});

describe('comment policy', () => {
  it.each([
    ['never', 'fail', true, false, false],
    ['always', 'pass', false, false, true],
    ['on-fail', 'pass', false, false, false],
    ['on-fail', 'fail', false, false, true],
    ['on-fail', 'pass', true, false, true],
    ['on-change', 'pass', false, false, false],
    ['on-change', 'pass', false, true, true],
    ['on-change', 'warn', false, false, true],
    ['on-change', 'pass', true, false, true],
  ] as const)('%s, %s, exists %s, changed %s → %s', (mode, status, exists, changed, expected) =>
    expect(shouldWriteComment(mode, { status, exists, changed })).toBe(expected),
  );
  it.each([
    [[{ ratio: 1.1, ci95: [1.02, 1.2] as [number, number] }], true],
    [[{ ratio: 1.1, ci95: [0.98, 1.2] as [number, number] }], false],
    [[{ ratio: 0.9, ci95: null }], true],
    [[undefined], false],
  ])('significantChange %j → %s', (cmps, expected) => expect(significantChange(cmps)).toBe(expected));
});

describe('comment rendering', () => {
  const opts = {
    marker: 'M',
    context: { summaryUrl: 'https://github.com/o/r/actions/runs/1', sha: 'abcdef1234' },
  };

  it('puts the verdict first, then the table and provenance; per-repeat data only with repeats', () => {
    const { body: full, truncated } = renderWithinLimit(template, fixture(), opts);
    expect(truncated).toBe(false);
    const at = (s: string) => full.indexOf(s);
    expect(at('carbon-gate')).toBeLessThan(at('| benchmark |'));
    expect(at('| benchmark |')).toBeLessThan(at('Provenance'));
    expect(full).toContain('## ✅ pass carbon-gate: 2 benchmarks within budget');
    expect(full).toContain('Baseline: none (regression not checked)');
    // One repeat each: no one-row per-repeat tables.
    expect(full).not.toContain('Per-repeat data');
    expect(full).not.toContain('Δ vs base');
    const r = fixture();
    r.benchmarks[0]!.samples.push({ ...r.benchmarks[0]!.samples[0]!, repeat: 2 });
    expect(renderWithinLimit(template, r, opts).body).toContain('Per-repeat data');
  });

  it('shows Δ with its interval and % of budget when the report carries them', () => {
    const r = fixture();
    r.benchmarks[0]!.comparison = {
      metric: 'co2e',
      base: 1,
      head: 1.1,
      ratio: 1.1,
      ci95: [1.02, 1.19],
      method: 'paired',
      baseline: 'ab',
    };
    r.benchmarks[0]!.budgetUse = [{ limit: 'co2e', observed: 1, limitValue: 2, percent: 50 }];
    const { body } = renderWithinLimit(template, r, opts);
    expect(body).toContain('| +10.0\u00a0%\u00a0[+2.0,\u00a0+19.0] |');
    expect(body).toContain('| 50\u00a0% |');
  });

  it('stays under GitHub’s limit with 1000 benchmarks and points to the job summary', () => {
    const r = fixture();
    const b = r.benchmarks[0]!;
    r.benchmarks = Array.from({ length: 1000 }, (_, i) => ({
      ...b,
      name: `bench-${i}-${'x'.repeat(150)}`,
      samples: Array(40).fill(b.samples[0]),
    }));
    const { body, truncated } = renderWithinLimit(template, r, opts);
    expect(truncated).toBe(true);
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    expect(body).toContain('more benchmarks: see the [job summary](https://github.com/o/r/actions/runs/1)');
    expect(body).not.toContain('Per-repeat data</summary>');
  });
});

describe('trend chart', () => {
  const opts = {
    marker: 'M',
    context: { summaryUrl: 'https://github.com/o/r/actions/runs/1', sha: 'abcdef1234' },
  };
  const trend = (values: number[]) => values.map((co2eG, i) => ({ sha: `${i}abcdef0`, co2eG }));

  // The fixture's own run: 1.96 mg, plotted last as "this run", on an axis from zero.
  it.each([
    [[0.0012, 0.0015], 'mg', 'line [1.2, 1.5, 1.96]', '0 --> 2.2'],
    [[2.5, 3], 'g', 'line [2.5, 3, 0.00196]', '0 --> 3.3'],
    [[1500, 2500], 'kg', 'line [1.5, 2.5, 0.00000196]', '0 --> 2.8'],
  ])('%j is plotted in %s with this run, from zero', (values, unit, line, axis) => {
    const r = fixture();
    r.totals.co2eG = 0.00196;
    const { body } = renderWithinLimit(template, r, { ...opts, trend: trend(values) });
    expect(body).toContain(`title "Suite CO2e (${unit}) by commit"`);
    expect(body).toContain(line);
    expect(body).toContain(`y-axis "${unit} CO2e" ${axis}`);
    expect(body).toMatch(/x-axis \[.*"this run"\]/);
    // A line that stands out in GitHub's default theme.
    expect(body).toContain('%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#cf222e"}}}}%%');
  });
});
