import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplate, renderWithinLimit } from '../../src/github/render/render-comment.js';
import { escapeMarkdown } from '../../src/github/render/escape.js';
import { failingAbReport, REASONS } from './failing-ab-report.js';

/** Issue 14, "The PR comment": a reviewer reads the verdict in five seconds, each reason once. */
const template = compileTemplate(readFileSync(path.resolve('templates/comment.md.hbs'), 'utf8'));
const render = () =>
  renderWithinLimit(template, failingAbReport(), { marker: 'M', context: { sha: HEAD } }).body;
const HEAD = '1234567890abcdef1234567890abcdef12345678';
const count = (body: string, s: string) => body.split(s).length - 1;

describe('the comment of a failing 3-benchmark A/B run', () => {
  it('opens with one headline that says what failed and by how much', () => {
    const first = render().split('\n')[0]!;
    expect(first).toBe(
      `## ❌ fail carbon-gate: 2 of 3 did not pass — train${escapeMarkdown(': energy +25.3 % vs base; eval: accuracy 0.840 < 0.850')}`,
    );
  });

  it('says each failure reason once, below the table, and no passing benchmark’s note among them', () => {
    const body = render();
    expect(count(body, escapeMarkdown(REASONS.train))).toBe(1);
    expect(count(body, escapeMarkdown(REASONS.eval))).toBe(1);
    expect(body).not.toContain(escapeMarkdown('the interval reaches'));
    expect(body.indexOf('| benchmark |')).toBeLessThan(body.indexOf('**Why**'));
  });

  it('says what each comparison judged, with the smallest regression it could catch, once', () => {
    const body = render();
    expect(count(body, 'smallest regression it could catch')).toBe(3);
    expect(body).toContain(
      `Judged: ${escapeMarkdown('train: energy of the whole run, 5 pairs, smallest regression it could catch: +14.9 %; infer: energy of the whole run, 5 pairs, smallest regression it could catch: +28.9 %; eval: energy of the whole run, 5 pairs, smallest regression it could catch: +13.4 %')}.`,
    );
  });

  it('one row per benchmark: one interval notation, budget use of absolute limits only, the mark alone', () => {
    const rows = render()
      .split('\n')
      .filter((l) => /^\| \S+&nbsp;(train|infer|eval) \|/.test(l));
    expect(rows).toHaveLength(3);
    const cells = (row: string) =>
      row.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, '').replace(/\u00a0/g, ' '));
    // status and benchmark, energy, CO2e, accuracy, per kJ, Δ, budget used
    expect(cells(rows[0]!).slice(3)).toEqual(['–', '–', '+25.3 % [+20.0, +30.0]', '–']);
    expect(cells(rows[1]!).slice(3)).toEqual(['–', '–', '−0.5 % [−15.1, +14.9]', '–']);
    expect(cells(rows[2]!).slice(3)).toEqual(['0.840', '382', '+1.0 % [−2.0, +4.0]', '101 %']);
    expect(rows.map((r) => cells(r)[0])).toEqual(['❌&nbsp;train', '✅&nbsp;infer', '❌&nbsp;eval']);
    expect(render()).not.toMatch(/[-−]\d+(\.\d)?[ \u00a0]%\s*\|/); // no negative budget use
    expect(render()).toContain('| Δ vs base [95&nbsp;%&nbsp;CI] |');
    expect(render()).toContain('Δ is the paired (Hodges–Lehmann) estimate of head ÷ base');
  });

  it('gives per-unit figures on one line where benchmarks declare a unit', () => {
    expect(render()).toMatch(
      /^Per unit: train 2\.50 J, 0\.331 mg per epoch; infer 1\.99 J, 0\.263 mg per epoch; eval 1\.10 J, 0\.145 mg per epoch\.$/m,
    );
  });

  it('names the baseline commit once', () => {
    const body = render();
    expect(body).toContain('Baseline: ab 88dbd7246129 ·');
    expect(count(body, '88dbd72')).toBe(1);
  });
});
