import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchSlug } from '../../src/dashboard/slug.js';
import { findChromium, launchChromium, screenshotDir } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { BENCHMARKS, recordedBranch } from '../dashboard/recorded-branch.js';

/**
 * The dashboard in a real browser (headless Chromium through playwright-core), built by the built CLI from a
 * data branch that real runs of the built Action wrote: its charts and tables render with one point and one
 * row per run, no script runs, and a screenshot is saved (kept beside the other browser tests' screenshots).
 */

const chromium = findChromium();
const name = (what: string) => (chromium.path ? what : `${what} (skipped: ${chromium.skipReason})`);
const RUNS = 3;

let fx: Awaited<ReturnType<typeof recordedBranch>>;
let site: string;
let browser: Browser | undefined;
beforeAll(async () => {
  if (!chromium.path) return;
  fx = await recordedBranch(RUNS);
  site = path.join(fx.root, 'site');
  const r = await runCli(['dashboard', '--out', site, '--config', 'carbon-gate.yml'], {
    cwd: fx.ws,
    env: { GITHUB_REPOSITORY: 'octo/hello', GITHUB_SERVER_URL: '' },
  });
  if (r.code !== 0) throw new Error(r.stderr);
  browser = await launchChromium(chromium.path);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  if (fx) rmSync(fx.root, { recursive: true, force: true });
});

describe('dashboard in Chromium', () => {
  it.skipIf(!chromium.path)(
    name('the front page renders its suite chart and the benchmark table'),
    async () => {
      const page = await browser!.newPage({ viewport: { width: 900, height: 1200 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
      const seen = await page.evaluate(() => ({
        points: document.querySelectorAll('svg.chart a circle.pt').length,
        charts: [...document.querySelectorAll('svg.chart')].map((s) => s.getBoundingClientRect().height > 50),
        rows: document.querySelectorAll('table tbody tr').length,
        team: document.querySelector('#team')?.textContent ?? '',
        scripts: document.scripts.length,
      }));
      expect(seen.points).toBe(RUNS);
      expect(seen.charts).toEqual([true, true]);
      expect(seen.rows).toBe(BENCHMARKS.length);
      expect(seen.team).toMatch(/CO2e emitted by recorded runs/);
      expect(seen.scripts).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it.skipIf(!chromium.path)(
    name('a benchmark page draws a point, a whisker and a row per run; a screenshot is saved'),
    async () => {
      const page = await browser!.newPage({ viewport: { width: 900, height: 1400 }, colorScheme: 'dark' });
      await page.goto(pathToFileURL(path.join(site, 'b', `${benchSlug('tiny')}.html`)).href);
      const seen = await page.evaluate(() => {
        const charts = [...document.querySelectorAll('svg.chart:not(.overview)')];
        return {
          perChart: charts.map((s) => s.querySelectorAll('a circle.pt').length),
          whiskers: charts.map(
            (s) => (s.querySelector('path.whisker')?.getAttribute('d') ?? '').split('M').length - 1,
          ),
          inside: charts.every((s) => {
            const box = s.getBoundingClientRect();
            return [...s.querySelectorAll('circle.pt')].every((c) => {
              const r = c.getBoundingClientRect();
              return (
                r.width > 0 &&
                r.left >= box.left &&
                r.right <= box.right &&
                r.top >= box.top &&
                r.bottom <= box.bottom
              );
            });
          }),
          rows: document.querySelectorAll('table tbody tr').length,
          headers: [...document.querySelectorAll('table th[scope="col"]')].length,
          caption: document.querySelector('table caption')?.textContent ?? '',
          background: getComputedStyle(document.body).backgroundColor,
        };
      });
      expect(seen.perChart).toEqual([RUNS, RUNS]);
      expect(seen.whiskers).toEqual([RUNS, RUNS]);
      expect(seen.inside).toBe(true);
      expect(seen.rows).toBe(RUNS);
      expect(seen.headers).toBe(7);
      expect(seen.caption).toBe(`tiny: last ${RUNS} runs, newest first`);
      expect(seen.background).toBe('rgb(13, 17, 23)'); // dark theme
      const shot = path.join(screenshotDir(), 'dashboard-tiny.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(1000);
      expect(readFileSync(shot).subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
      await page.close();
    },
  );
});
