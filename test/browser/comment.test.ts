import { readFileSync } from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTemplate, renderWithinLimit } from '../../src/github/render/render-comment.js';
import { failingAbReport } from '../github/failing-ab-report.js';
import { findChromium, launchChromium, screenshotDir } from '../helpers/browser.js';

/**
 * Issue 14: the PR comment as a reviewer sees it — markdown to HTML (marked, GitHub-flavoured), styled with
 * GitHub's markdown stylesheet (github-markdown-css) at the width of a PR conversation column, in Chromium.
 * A failing 3-benchmark A/B run shows the headline, one line per benchmark in the table, and each reason
 * once. The screenshot is kept ($CARBON_GATE_TEST_OUTPUT, else the run's temp dir).
 */
const chromium = findChromium();
const name = (what: string) => (chromium.path ? what : `${what} (skipped: ${chromium.skipReason})`);
const css = readFileSync(path.resolve('node_modules/github-markdown-css/github-markdown-light.css'), 'utf8');
const template = compileTemplate(readFileSync(path.resolve('templates/comment.md.hbs'), 'utf8'));
// The status marks need an emoji font, which a reader's system supplies and CI's Chromium lacks: Noto
// Emoji's subset with them (test/fixtures/fonts/README.md), under a name GitHub's font stack already lists,
// for those marks only (the font has digits too).
const emoji = readFileSync(path.resolve('test/fixtures/fonts/noto-emoji-2-400-normal.woff2')).toString(
  'base64',
);
const emojiFace = `@font-face{font-family:"Apple Color Emoji";src:url(data:font/woff2;base64,${emoji}) format("woff2");unicode-range:U+26A0,U+2705,U+274C,U+FE0F}`;

describe('the PR comment in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!chromium.path) return;
    browser = await launchChromium(chromium.path);
    // GitHub's conversation column: about 780 px of comment body.
    page = await browser.newPage({ viewport: { width: 820, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!chromium.path)(
    name('a failing 3-benchmark A/B run: headline, one line per row, reasons once'),
    async () => {
      const { body } = renderWithinLimit(template, failingAbReport(), {
        marker: '<!-- carbon-gate -->',
        context: { sha: '1234567890abcdef1234567890abcdef12345678', headRef: 'feature', baseRef: 'main' },
      });
      const html = await marked.parse(body, { gfm: true });
      await page.setContent(
        `<!doctype html><meta charset="utf-8"><style>${emojiFace}${css} body{margin:0} .markdown-body{box-sizing:border-box;max-width:780px;padding:16px}</style><article class="markdown-body">${html}</article>`,
      );
      const seen = await page.evaluate(async () => {
        await document.fonts.ready;
        const lineHeight = (el: Element) => parseFloat(getComputedStyle(el).lineHeight);
        const rows = [...document.querySelector('table')!.querySelectorAll('tbody tr')].map((tr) => ({
          text: (tr as HTMLElement).innerText,
          lines: Math.max(
            ...[...tr.querySelectorAll('td')].map((td) => {
              const style = getComputedStyle(td);
              const inner =
                td.getBoundingClientRect().height -
                parseFloat(style.paddingTop) -
                parseFloat(style.paddingBottom);
              return Math.round(inner / lineHeight(td));
            }),
          ),
        }));
        // GitHub's stylesheet lets a table scroll sideways inside the column: no scrolling is what fits.
        const table = document.querySelector('table')!;
        return {
          headline: document.querySelector('h2')!.textContent,
          rows,
          tableFits: table.scrollWidth <= table.clientWidth,
          widths: [table.scrollWidth, table.clientWidth],
          text: document.body.innerText,
          // Loaded only when text in its unicode-range was laid out with it: the marks were drawn.
          emojiFont: [...document.fonts].map((f) => `${f.family.replace(/"/g, '')}: ${f.status}`),
        };
      });
      await page.screenshot({ path: path.join(screenshotDir(), 'comment-failing-ab.png'), fullPage: true });

      expect(seen.headline).toBe(
        '❌ fail carbon-gate: 2 of 3 did not pass — train: energy +25.3 % vs base; eval: accuracy 0.840 < 0.850',
      );
      expect(seen.rows.map((r) => r.text.split('\t')[0]!.replace(/^\S+\u00a0/, ''))).toEqual([
        'train',
        'infer',
        'eval',
        'total',
      ]);
      expect(seen.rows.map((r) => r.lines)).toEqual([1, 1, 1, 1]);
      expect(seen.emojiFont).toEqual(['Apple Color Emoji: loaded']);
      expect(seen.tableFits, String(seen.widths)).toBe(true);
      const occurrences = (s: string) => seen.text.split(s).length - 1;
      expect(occurrences('lower bound +20.0 % exceeds the fail limit +10.0 %')).toBe(1);
      expect(occurrences('accuracy 0.840 is below the fail limit 0.850 (min)')).toBe(1);
      // What each comparison judged, with the smallest regression it could catch, once per benchmark.
      expect(
        occurrences('infer: energy of the whole run, 5 pairs, smallest regression it could catch: +28.9 %'),
      ).toBe(1);
      expect(occurrences('smallest regression it could catch')).toBe(3);
      expect(seen.text).not.toContain('the interval reaches');
      expect(occurrences('88dbd72')).toBe(1);
    },
  );
});
