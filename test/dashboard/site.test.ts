import { describe, expect, it } from 'vitest';
import { buildSite, type SiteInput } from '../../src/dashboard/site.js';
import { historyOf, RECENT_RUNS } from '../../src/dashboard/series.js';
import { benchSlug } from '../../src/dashboard/slug.js';
import { csvCell } from '../../src/text/csv.js';
import { linkBase } from '../../src/dashboard/links.js';
import { medianCi } from '../../src/stats/bootstrap.js';
import { stored } from './records.js';

const NOW = new Date(Date.UTC(2025, 6, 1));
const input = (
  n: number,
  extra: Partial<SiteInput> = {},
  opts: Parameters<typeof stored>[1] = {},
): SiteInput => ({
  records: Array.from({ length: n }, (_, i) => stored(i, opts)),
  source: 'branch carbon-gate-data',
  now: NOW,
  links: linkBase('octo/repo'),
  ...extra,
});
const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;
const pageOf = (files: Map<string, string>, name: string) => files.get(`b/${benchSlug(name)}.html`)!;

describe('buildSite', () => {
  it.each([
    [1, 1],
    [7, 7],
    [RECENT_RUNS, RECENT_RUNS],
    [RECENT_RUNS + 30, RECENT_RUNS],
  ])('%i records → %i linked points per chart and as many table rows', (n, shown) => {
    const files = buildSite(input(n));
    const html = pageOf(files, 'train');
    // Two charts (energy, CO2e), one <circle class="pt"> per run in each.
    expect(count(html, /class="pt"/g)).toBe(2 * shown);
    expect(count(html, /<a href="https:\/\/github\.com\/octo\/repo\/commit\/[0-9a-f]{40}">/g)).toBe(
      2 * shown + shown,
    );
    expect(count(html, /<tr><th scope="row">/g)).toBe(shown);
    expect(count(html, /https:\/\/github\.com\/octo\/repo\/actions\/runs\/\d+/g)).toBe(shown);
    expect(files.get('runs.csv')!.trim().split('\n')).toHaveLength(n + 1);
    expect(count(files.get('index.html')!, /class="pt"/g)).toBe(shown);
  });

  it('draws each point’s 95 % interval, the gate’s seeded bootstrap of its repeats', () => {
    const files = buildSite(input(3));
    const h = historyOf(input(3).records);
    const p = h.benchmarks[0]!.points[2]!;
    expect(p.energyJ.median).toBe(104);
    expect(p.energyJ.ci95).toEqual(medianCi([102, 103, 104, 105, 106]));
    expect(pageOf(files, 'train')).toContain('<path class="band"');
    expect(count(pageOf(files, 'train'), /<path class="whisker" d="(M[\d.]+ [\d.]+V[\d.]+)+"/g)).toBe(2);
    // Reproducible: the same records build the same bytes.
    expect(buildSite(input(3))).toEqual(files);
  });

  it('gives no interval below 5 repeats, and says so', () => {
    const h = historyOf(input(2, {}, { repeats: 3 }).records);
    expect(h.benchmarks[0]!.points.every((p) => p.energyJ.ci95 === null)).toBe(true);
    expect(pageOf(buildSite(input(2, {}, { repeats: 3 })), 'train')).toContain('— (n = 3)');
  });

  it('computes intervals for the last RECENT_RUNS runs only', () => {
    const pts = historyOf(input(RECENT_RUNS + 2).records).benchmarks[0]!.points;
    expect(pts.slice(0, 2).map((p) => p.energyJ.ci95)).toEqual([null, null]);
    expect(pts.slice(2).every((p) => p.energyJ.ci95 !== null)).toBe(true);
  });

  it('escapes a hostile benchmark name everywhere and forbids scripts', () => {
    const hostile = '<script>alert(1)</script>"\'&';
    const files = buildSite(input(3, {}, { names: [hostile, 'plain'] }));
    for (const [file, html] of files) {
      if (!file.endsWith('.html')) continue;
      expect(html, file).not.toContain('<script');
      expect(html, file).toContain('Content-Security-Policy" content="default-src \'none\'');
    }
    expect(pageOf(files, hostile)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(benchSlug(hostile)).toMatch(/^[a-z0-9-]+$/);
    expect(files.get('runs.csv')).toContain('"<script>alert(1)</script>""\'&"');
  });

  it('draws no link without a valid repository, and never one from an invalid run id', () => {
    expect(linkBase('octo/repo"><x')).toBeUndefined();
    expect(linkBase('octo/repo', 'javascript:alert(1)')).toBeUndefined();
    const html = pageOf(buildSite(input(2, { links: undefined })), 'train');
    expect(html).not.toContain('<a href="https://');
    const bad = pageOf(buildSite(input(2, {}, { runId: '' })), 'train');
    expect(bad).not.toContain('/actions/runs/');
  });

  it('an empty history is one clear page', () => {
    const files = buildSite(input(0));
    expect([...files.keys()]).toEqual(['index.html']);
    expect(files.get('index.html')).toContain('<p id="empty">No recorded runs yet.');
  });

  it('draws a config’s budget lines and the team’s month to date', () => {
    const start = Date.UTC(2025, 5, 30, 23, 30);
    const records = [stored(0, { start }), stored(1, { start })];
    const files = buildSite({
      ...input(0),
      records,
      budgets: {
        source: 'the budgets of carbon-gate.yml',
        benchmarks: new Map([['train', { energyJ: { warn: 110, fail: 130 }, co2eG: { fail: 1 } }]]),
      },
      teamLimitG: 0.1,
    });
    const html = pageOf(files, 'train');
    expect(count(html, /<line class="budget (warn|fail)"/g)).toBe(2); // the CO2e limit is far above: a note
    expect(html).toContain('The fail budget, 1.00 g, is above the chart.');
    // Records of 2025-06-30 23:30 and 2025-07-01 00:30: July's alone counts, 5 repeats of 101…105 µg × 100.
    const index = files.get('index.html')!;
    expect(index).toContain('Team budget, 2025-07 to date');
    expect(index).toContain('51.5 mg of 100 mg CO2e (51.5 %)');
    expect(index).toMatch(/<meter min="0" max="0.1" low="0.08" high="0.1" optimum="0" value="0.051/);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['a,b', '"a,b"'],
    ['plain', 'plain'],
    [1.5, '1.5'],
  ])('csvCell(%j) is %s', (v, out) => expect(csvCell(v)).toBe(out));
});
