import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paretoPoints, type ParetoInput } from '../../src/report/pareto.js';
import { paretoSvg } from '../../src/report/pareto-svg.js';
import { findChromium, launchChromium, screenshotDir } from '../helpers/browser.js';

/**
 * The Pareto chart in a real browser (Chromium through playwright-core): it parses as SVG, every dot and
 * label lies inside it, labels do not pile on each other, dark and light themes differ, and a hostile name
 * stays text. Screenshots go to $CARBON_GATE_TEST_OUTPUT, else the run's temp dir (removed at the end).
 */

const chromium = findChromium();
const name = (what: string) => (chromium.path ? what : `${what} (skipped: ${chromium.skipReason})`);

const bench = (n: string, energyJ: number, quality: number, metric = 'accuracy') => ({
  name: n,
  status: 'pass',
  energyJ,
  efficiency: { metric, quality, perKj: quality / (energyJ / 1000), jPerQuality: energyJ / quality },
});

// The reference suite's classifiers (docs/tfjs-suite.md), measured.
const SEED: ParetoInput = {
  benchmarks: [
    bench('mlp-train', 15.9, 0.875),
    bench('cnn-train', 59.4, 0.923),
    bench('gru-train', 165, 0.743),
    bench('knn-classify', 3.9, 0.905),
  ],
};

// Long names, a point at each edge, a cluster, and markup in a name.
const CROWDED: ParetoInput = {
  benchmarks: [
    bench('a-very-long-benchmark-name-that-is-cut-short-somewhere', 1200, 0.97),
    bench('<script>window.__pwned=1</script>&"\'', 2, 0.5),
    bench('resnet50-finetune-fp16', 900, 0.96),
    bench('resnet50-finetune-fp32', 1000, 0.962),
    bench('distilled', 40, 0.93),
    bench('distilled-int8', 38, 0.925),
    bench('tiny', 5, 0.71),
    bench('baseline-logreg', 3, 0.62),
  ],
};

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Measured {
  svg: Rect;
  dots: Rect[];
  labels: (Rect & { text: string; visible: boolean })[];
  parseError: string | null;
}

async function show(page: Page, input: ParetoInput, screenshot?: string): Promise<Measured> {
  const svg = paretoSvg(paretoPoints(input));
  await page.setContent(`<!doctype html><html><body style="margin:16px">${svg}</body></html>`);
  if (screenshot) await page.locator('svg').screenshot({ path: path.join(screenshotDir(), screenshot) });
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    const rect = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const root = document.querySelector('svg')!;
    return {
      svg: rect(root),
      dots: [...root.querySelectorAll('g.points circle')].map(rect),
      labels: [...root.querySelectorAll('text.label')].map((t) => {
        const s = getComputedStyle(t);
        return {
          ...rect(t),
          text: t.textContent ?? '',
          visible: s.visibility === 'visible' && s.display !== 'none' && Number(s.opacity) > 0,
        };
      }),
      parseError: error ? error.textContent : null,
    };
  }, svg);
}

const inside = (r: Rect, outer: Rect) =>
  r.x >= outer.x - 0.5 &&
  r.y >= outer.y - 0.5 &&
  r.x + r.width <= outer.x + outer.width + 0.5 &&
  r.y + r.height <= outer.y + outer.height + 0.5;

const overlapArea = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

describe('Pareto chart in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!chromium.path) return;
    browser = await launchChromium(chromium.path);
    page = await browser.newPage({ viewport: { width: 720, height: 480 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!chromium.path).each([
    ['the reference suite', SEED, 'pareto-seed.png'],
    ['a crowded suite with long and hostile names', CROWDED, 'pareto-crowded.png'],
  ] as const)(
    name('renders %s: dots and labels inside, labels apart, valid SVG'),
    async (_what, input, file) => {
      const m = await show(page, input, file);
      expect(m.parseError).toBeNull();
      expect(m.svg.width).toBeCloseTo(640, 0);
      expect(m.svg.height).toBeCloseTo(400, 0);
      expect(m.dots).toHaveLength(input.benchmarks.length);
      for (const dot of m.dots) {
        expect(dot.width).toBeGreaterThan(0);
        expect(inside(dot, m.svg)).toBe(true);
      }
      expect(m.labels).toHaveLength(input.benchmarks.length);
      for (const label of m.labels) {
        expect(label.visible).toBe(true);
        expect(label.width, label.text).toBeGreaterThan(0);
        expect(
          inside(label, m.svg),
          `${label.text} ${JSON.stringify(label)} in ${JSON.stringify(m.svg)}`,
        ).toBe(true);
      }
      // No label hides another: any overlap is a sliver of the smaller one (glyph boxes include line gap).
      for (let i = 0; i < m.labels.length; i++)
        for (let j = i + 1; j < m.labels.length; j++) {
          const [a, b] = [m.labels[i]!, m.labels[j]!];
          const smaller = Math.min(a.width * a.height, b.width * b.height);
          expect(overlapArea(a, b) / smaller, `${a.text} / ${b.text}`).toBeLessThan(0.15);
        }
    },
  );

  it.skipIf(!chromium.path)(name('a name with markup is shown as text and runs nothing'), async () => {
    const m = await show(page, CROWDED);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
    expect(m.labels.map((l) => l.text)).toContainEqual(expect.stringMatching(/^<script>window\.__pwned=1/));
  });

  it.skipIf(!chromium.path)(name('light and dark colour schemes give different colours'), async () => {
    const colours = async (scheme: 'light' | 'dark') => {
      await page.emulateMedia({ colorScheme: scheme });
      await show(page, SEED, `pareto-seed-${scheme}.png`);
      const read = await page.evaluate(() => ({
        text: getComputedStyle(document.querySelector('text.label')!).fill,
        background: getComputedStyle(document.querySelector('rect.bg')!).fill,
        frontier: getComputedStyle(document.querySelector('circle.dot.frontier')!).fill,
      }));
      return read;
    };
    const light = await colours('light');
    const dark = await colours('dark');
    await page.emulateMedia({ colorScheme: null });
    expect(light.text).not.toBe(dark.text);
    expect(light.background).not.toBe(dark.background);
    expect(light.frontier).not.toBe(dark.frontier);
    // Text stays readable: dark on light, light on dark.
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    expect(luminance(light.text)).toBeLessThan(luminance(light.background));
    expect(luminance(dark.text)).toBeGreaterThan(luminance(dark.background));
  });
});
