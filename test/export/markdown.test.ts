import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownComment } from '../../src/export/markdown.js';
import { COMMENT_LIMIT, compileTemplate, renderWithinLimit } from '../../src/github/render/render-comment.js';
import { parseReport, type ReportView } from '../../src/report/view-schema.js';

const templateText = readFileSync(path.resolve('templates/comment.md.hbs'), 'utf8');

const fixture = (): ReportView => {
  const r = parseReport(readFileSync(path.resolve('test/fixtures/action/carbon-report.json'), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return r.report;
};

/** What the Action writes to the job summary for a run without PR context (src/action/publish.ts). */
const actionSummary = (r: ReportView) =>
  renderWithinLimit(compileTemplate(templateText), r, { marker: '', context: {} }, Infinity).body;

describe('markdown export', () => {
  it("is the Action's rendering of the report: same template, same view model", () => {
    const r = fixture();
    const body = markdownComment(r, templateText);
    expect(body).toBe(actionSummary(r));
    expect(body).toMatch(/^## .* carbon-gate: /);
    for (const b of r.benchmarks) expect(body).toContain(b.name);
    expect(body).toContain('<summary>Provenance</summary>');
  });

  it('escapes hostile benchmark names as the comment does', () => {
    const r = fixture();
    r.benchmarks[0]!.name = '<img src=x onerror=alert(1)> @octocat';
    const body = markdownComment(r, templateText);
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt; &#64;octocat');
  });

  it('is never cut to GitHub’s comment limit: other CI systems have their own', () => {
    const r = fixture();
    const b = r.benchmarks[0]!;
    r.benchmarks = Array.from({ length: 400 }, (_, i) => ({ ...b, name: `bench-${i}-${'x'.repeat(150)}` }));
    const body = markdownComment(r, templateText);
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT);
    expect(body).toContain('bench-399-');
    expect(body).not.toContain('truncated');
  });
});
