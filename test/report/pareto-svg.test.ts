import { describe, expect, it } from 'vitest';
import { paretoPoints, type ParetoChart } from '../../src/report/pareto.js';
import { paretoSvg, xmlEscape } from '../../src/report/pareto-svg.js';
import { energyAxis, energyTick, placeLabels, SVG_HEIGHT, SVG_WIDTH } from '../../src/report/pareto-axes.js';
import { MERMAID_MAX_POINTS, paretoMarkdown, paretoMermaid } from '../../src/github/render/pareto-mermaid.js';

const bench = (name: string, energyJ: number, quality: number, metric = 'accuracy') => ({
  name,
  status: 'pass',
  energyJ,
  efficiency: { metric, quality, perKj: quality / (energyJ / 1000), jPerQuality: energyJ / quality },
});

const chartOf = (...benchmarks: ReturnType<typeof bench>[]): ParetoChart => paretoPoints({ benchmarks });

// The reference suite's classifiers (docs/tfjs-suite.md).
const SEED = chartOf(
  bench('mlp-train', 15.9, 0.875),
  bench('cnn-train', 59.4, 0.923),
  bench('gru-train', 165, 0.743),
  bench('knn-classify', 3.9, 0.905),
);

const HOSTILE = `<script>&"'`;

/** The dot labels: text, position, anchor. */
function labelsOf(svg: string) {
  return [
    ...svg.matchAll(/<text class="label" x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)">([^<]*)<\/text>/g),
  ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), anchor: m[3]!, text: m[4]! }));
}

/** Characters as drawn: entities count as one. */
const drawnLength = (escaped: string) => Array.from(escaped.replace(/&[a-z#0-9]+;/g, '_')).length;

describe('energyAxis: log or linear', () => {
  it.each([
    { case: 'one benchmark', energies: [50], log: false },
    { case: 'equal energies', energies: [7, 7], log: false },
    { case: 'a 2× spread', energies: [10, 20], log: false },
    { case: 'exactly 10×', energies: [10, 100], log: false },
    { case: 'just over 10×', energies: [10, 100.5], log: true },
    { case: 'the reference suite (3.9 J to 165 J)', energies: [15.9, 59.4, 165, 3.9], log: true },
    { case: 'millijoules to kilowatt-hours', energies: [0.002, 5e7], log: true },
  ])('$case: log $log, ticks inside the domain, the values inside too', ({ energies, log }) => {
    const axis = energyAxis(energies);
    expect(axis.log).toBe(log);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
    expect(axis.ticks.length).toBeLessThanOrEqual(10);
    for (const t of axis.ticks) {
      expect(t).toBeGreaterThanOrEqual(axis.min * (1 - 1e-9));
      expect(t).toBeLessThanOrEqual(axis.max * (1 + 1e-9));
    }
    for (const e of energies) {
      expect(e).toBeGreaterThanOrEqual(axis.min);
      expect(e).toBeLessThanOrEqual(axis.max);
    }
    expect(axis.min).toBeGreaterThanOrEqual(0);
  });

  it('the reference suite: 1-2-5 ticks in joules', () => {
    expect(energyAxis([15.9, 59.4, 165, 3.9]).ticks.map(energyTick)).toEqual([
      '5 J',
      '10 J',
      '20 J',
      '50 J',
      '100 J',
      '200 J',
    ]);
  });

  it.each([
    [5, '5 J'],
    [2.5, '2.5 J'],
    [1000, '1000 J'],
    [0.5, '500 mJ'],
    [7200, '2 Wh'],
    [1.8e6, '500 Wh'],
    [3.6e6, '1 kWh'],
    [0.0123, '12.3 mJ'],
  ])('tick label for %f J: %s', (joules, label) => {
    expect(energyTick(joules)).toBe(label);
  });
});

describe('paretoSvg', () => {
  it('draws the reference suite (snapshot)', () => {
    expect(paretoSvg(SEED)).toMatchSnapshot();
  });

  it('is a standalone SVG with a title, a description and both colour schemes', () => {
    const svg = paretoSvg(SEED);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 400"')).toBe(true);
    expect(svg).toContain('role="img" aria-labelledby="pareto-title pareto-desc"');
    expect(svg).toContain('<title id="pareto-title">accuracy against energy</title>');
    expect(svg).toMatch(/<desc id="pareto-desc">[^<]*Frontier[^<]*knn-classify[^<]*cnn-train[^<]*<\/desc>/);
    expect(svg).toContain('@media (prefers-color-scheme: dark)');
    expect(svg).toContain('energy per run (log scale)');
    expect(svg.match(/<circle class="dot frontier"/g)).toHaveLength(3); // 2 + the legend's
    expect(svg).toMatch(/<path class="step" d="M[\d. ]+H[\d.]+V[\d.]+"/);
  });

  it.each([
    ['a name', { benchmarks: [bench(HOSTILE, 10, 0.5), bench('b', 20, 0.7)] }],
    ['the metric', { benchmarks: [bench('a', 10, 0.5, HOSTILE), bench('b', 20, 0.7, HOSTILE)] }],
    ['the title', { benchmarks: [bench('a', 10, 0.5), bench('b', 20, 0.7)] }, HOSTILE],
  ])('escapes %s for XML and runs nothing', (_what, input, title?: string) => {
    const svg = paretoSvg(paretoPoints(input), title === undefined ? {} : { title });
    expect(svg).toContain('&lt;script&gt;&amp;&quot;&#39;');
    expect(svg).not.toMatch(/<script/i);
    // Every & starts an entity; no quote from the data closes an attribute.
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
    expect(svg).not.toContain(`"'`);
  });

  it('fetches nothing: no link, no URL, no import', () => {
    const svg = paretoSvg(chartOf(bench('http://example.com/x.js', 10, 0.5), bench('url(a)', 20, 0.6)));
    const markup = svg.replace(/(<(text|title|desc)\b[^>]*>)[^<]*/g, '$1'); // their content is only text
    expect(markup).not.toMatch(/href|@import|url\(|<script|<foreignObject|<image|<use|on\w+=/i);
    // A URL in a name is text.
    expect(svg).toContain('>http://example.com/x.js</text>');
  });

  it.each([
    ['control characters', 'a\u0000b\u0007c\u001bd', 'abcd'],
    ['bidi overrides', 'safe\u202egnp.exe', 'safegnp.exe'],
    ['line breaks', 'two\nlines', 'two lines'],
    ['a lone surrogate', 'x\ud800y', 'xy'],
    ['an emoji (a surrogate pair)', 'fast🚀', 'fast🚀'],
  ])('xmlEscape removes %s', (_what, text, expected) => {
    expect(xmlEscape(text)).toBe(expected);
  });

  it('keeps every label inside the viewBox, however long the name and wherever the dot', () => {
    const long = 'x'.repeat(200);
    const svg = paretoSvg(
      chartOf(
        bench(`${long}-cheap`, 1, 0.1),
        bench(`${long}-dear`, 1e6, 0.99),
        bench(`${long}-mid`, 1000, 0.5),
        bench('right-edge-with-a-long-name', 1e6, 0.1),
        bench('left-edge-with-a-long-name', 1, 0.99),
      ),
    );
    const labels = labelsOf(svg);
    expect(labels).toHaveLength(5);
    for (const l of labels) {
      const width = drawnLength(l.text) * 6.6;
      const x0 = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - width : l.x - width / 2;
      expect(x0, l.text).toBeGreaterThanOrEqual(0);
      expect(x0 + width, l.text).toBeLessThanOrEqual(SVG_WIDTH);
      expect(l.y - 11).toBeGreaterThanOrEqual(0);
      expect(l.y + 3).toBeLessThanOrEqual(SVG_HEIGHT);
      expect(drawnLength(l.text)).toBeLessThanOrEqual(28);
    }
    // The full name is still in the dot's tooltip.
    expect(svg).toContain(`<title>${long}-cheap: 1.00 J`);
  });

  it('places labels apart when dots crowd', () => {
    const dots = Array.from({ length: 6 }, (_, i) => ({
      x: 300 + i * 4,
      y: 200 + i * 3,
      r: 4,
      text: `model-${i}`,
      first: i === 0,
    }));
    const labels = placeLabels(dots);
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        const [a, b] = [labels[i]!.box, labels[j]!.box];
        const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        expect(w > 0 && h > 0, `${labels[i]!.text} / ${labels[j]!.text}`).toBe(false);
      }
  });

  it.each([
    ['no point', chartOf()],
    ['one point', chartOf(bench('solo', 12, 0.8))],
    ['equal points', chartOf(bench('a', 12, 0.8), bench('b', 12, 0.8))],
    ['a quality of zero', chartOf(bench('a', 12, 0), bench('b', 13, 0))],
    ['negative quality', chartOf(bench('a', 12, -3), bench('b', 20, -1))],
  ])('draws %s without NaN', (_what, chart) => {
    const svg = paretoSvg(chart);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(labelsOf(svg)).toHaveLength(chart.points.length);
  });

  it('ids take a prefix, sanitised', () => {
    expect(paretoSvg(SEED, { idPrefix: 'dash"board 2' })).toContain(
      'aria-labelledby="dashboard2-title dashboard2-desc"',
    );
  });
});

describe('paretoMermaid', () => {
  it('the reference suite as a quadrant chart: ranges on the axes, points in 0–1', () => {
    expect(paretoMermaid(SEED)).toBe(
      [
        '```mermaid',
        'quadrantChart',
        '  title accuracy against energy',
        '  x-axis "low energy 3.90 J" --> "high energy 165 J log scale"',
        '  y-axis "low accuracy 0.743" --> "high accuracy 0.923"',
        '  "cnn-train": [0.704, 0.95]',
        '  "knn-classify": [0.05, 0.86]',
        '  "mlp-train": [0.388, 0.71]',
        '  "gru-train": [0.95, 0.05]',
        '```',
      ].join('\n'),
    );
  });

  it('a linear energy axis within 10×', () => {
    expect(paretoMermaid(chartOf(bench('a', 10, 0.5), bench('b', 20, 0.7), bench('c', 15, 0.6)))).toContain(
      '  x-axis "low energy 10.0 J" --> "high energy 20.0 J"\n',
    );
  });

  it.each([
    ['no point', chartOf()],
    ['one point', chartOf(bench('solo', 10, 0.5))],
  ])('nothing for %s', (_what, chart) => {
    expect(paretoMermaid(chart)).toBe('');
    expect(paretoMarkdown(chart)).toBe('');
  });

  it('names and the metric are sanitised for Mermaid', () => {
    const block = paretoMermaid(
      chartOf(bench('evil"]\n```\n<script>: [9, 9]', 10, 0.5, 'acc: "x"'), bench('ok', 20, 0.6, 'acc: "x"')),
    );
    const lines = block.split('\n');
    expect(lines[0]).toBe('```mermaid');
    expect(lines.at(-1)).toBe('```');
    expect(lines).toContain('  "evilscript 9 9": [0.05, 0.05]');
    expect(lines).toContain('  title acc x against energy');
    for (const line of lines.slice(1, -1))
      expect(line).toMatch(/^[A-Za-z0-9 ._>"-]*(: \[[\d.]+, [\d.]+\])?$/);
  });

  it(`keeps the frontier and caps the points at ${MERMAID_MAX_POINTS}`, () => {
    const many = chartOf(
      ...Array.from({ length: 60 }, (_, i) => bench(`dominated-${i}`, 100 + i, 0.1)),
      bench('best', 1, 0.99),
    );
    const points = paretoMermaid(many)
      .split('\n')
      .filter((l) => l.includes(': ['));
    expect(points).toHaveLength(MERMAID_MAX_POINTS);
    expect(points[0]).toMatch(/^ {2}"best": /);
    expect(paretoMarkdown(many)).toContain(
      `${MERMAID_MAX_POINTS} of 61 benchmarks shown, the frontier first.`,
    );
  });
});

describe('paretoMarkdown', () => {
  it('a one-line caption naming the metric and the frontier, then the chart', () => {
    const md = paretoMarkdown(SEED);
    const [caption, blank, ...rest] = md.split('\n');
    expect(caption).toBe(
      '**Pareto chart: accuracy against energy.** The frontier, benchmarks no other beats on both ' +
        '(less energy and higher accuracy): knn-classify, cnn-train.',
    );
    expect(blank).toBe('');
    expect(rest.join('\n')).toBe(paretoMermaid(SEED) + '\n');
  });

  it('escapes names for markdown and says what was left out', () => {
    const md = paretoMarkdown(
      chartOf(bench('@team [x](y)', 1, 0.9), bench('b', 2, 0.5), bench('other', 3, 0.1, 'f1')),
    );
    const caption = md.split('\n')[0]!;
    expect(caption).toContain('&#64;team &#91;x&#93;&#40;y&#41;');
    expect(caption).toMatch(/1 benchmark with another quality metric not charted\.$/);
  });
});
