import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildReport } from '../../src/report/build.js';
import { ReportSchema } from '../../src/report/schema.js';
import { SEED_GROUPS, provenanceLine, seedTables } from '../../src/report/seed-tables.js';
import type { Report } from '../../src/report/types.js';
import type { BenchmarkRun } from '../../src/runner/types.js';
import { inputs, sample } from './fixtures.js';

/**
 * A small hand-built report (test/report/fixtures.ts: energy E J per repeat, 80 % CPU / 20 % RAM,
 * E ÷ 10 s, France at 100 g/kWh, PUE 1.5) with some of the reference suite's benchmarks: gru-train and
 * fourier-redraw are left out, and cnn-train reports no accuracy.
 */
function bench(name: string, energyJ: number, metrics?: Record<string, number | string>): BenchmarkRun {
  return {
    spec: {
      name,
      kind: 'training',
      run: `run ${name}`,
      cwd: '/tmp',
      env: {},
      repeat: 3,
      warmup: 0,
      timeoutS: 60,
    },
    status: 'ok',
    samples: [1, 2, 3].map((i) => ({
      ...sample(i, energyJ),
      ...(metrics ? { metrics } : {}),
      backend: 'wasm' as const,
    })),
  };
}

function report(): Report {
  return buildReport(
    inputs({
      runs: [
        bench('mlp-train', 16, { accuracy: 0.875, loss: 0.4 }),
        bench('cnn-train', 60, { loss: 0.3 }),
        bench('knn-classify', 4, { accuracy: 0.905 }),
        bench('kmeans-train', 22, { accuracy: 0.867, psnrDb: 14.53 }),
        bench('dcgan-train', 150, { oneNnAccuracy: 0.885 }),
      ],
    }),
  );
}

/** The rows of the markdown table under a group's title. */
function tableOf(md: string, title: string): string[][] {
  const lines = md.split('\n');
  const start = lines.indexOf(`**${title}**`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe('seedTables', () => {
  const r = report();
  const md = seedTables(r);

  it('builds a valid report to start from', () => {
    expect(ReportSchema.safeParse(r).success).toBe(true);
  });

  it('prints one table per comparison of the source report, in its order', () => {
    const titles = md.split('\n').filter((l) => /^\*\*.*\*\*$/.test(l));
    expect(titles).toEqual(SEED_GROUPS.map((g) => `**${g.title}**`));
    expect(SEED_GROUPS.map((g) => g.rows.map((row) => row.benchmark))).toEqual([
      ['knn-classify', 'kmeans-train'],
      ['mlp-train', 'cnn-train', 'gru-train'],
      ['fourier-redraw', 'kmeans-train'],
      ['dcgan-train'],
    ]);
  });

  it('has the source report columns: duration, CPU, RAM and total energy, emissions, quality, published', () => {
    const [header, rule, mlp] = tableOf(md, SEED_GROUPS[1]!.title);
    expect(header).toEqual([
      'model',
      'benchmark',
      'duration (s)',
      'CPU energy',
      'RAM energy',
      'total energy',
      'emissions (CO2e)',
      'accuracy',
      'published (full MNIST)',
      'Δ accuracy (points)',
    ]);
    expect(rule).toEqual(header!.map(() => '---'));
    // 16 J: 1.6 s, 12.8 J CPU, 3.2 J RAM; 16 J × 1.5 × 100 g/kWh = 0.667 mg.
    expect(mlp).toEqual([
      'MLP (10 hidden layers)',
      'mlp-train',
      '1.60',
      '12.8 J',
      '3.20 J',
      '16.0 J',
      '0.667 mg',
      '0.875',
      'accuracy 0.9798; CO2: MLP < CNN < GRU',
      '-10.5',
    ]);
  });

  it('shows "–" for a missing metric and for a benchmark not in the report', () => {
    const [, , , cnn, gru] = tableOf(md, SEED_GROUPS[1]!.title);
    expect(cnn!.slice(7)).toEqual(['–', 'accuracy 0.9905', '–']);
    expect(gru!.slice(1)).toEqual([
      'gru-train (not in the report)',
      '–',
      '–',
      '–',
      '–',
      '–',
      '–',
      'accuracy 0.9870',
      '–',
    ]);
    const [, , fourier, kmeans] = tableOf(md, SEED_GROUPS[2]!.title);
    expect(fourier![0]).toBe('Fourier series (8 frequencies)');
    expect(fourier![7]).toBe('–');
    expect(kmeans![7]).toBe('14.5'); // the redraw's PSNR, not the accuracy, in this comparison
    expect(kmeans![8]).toBe('–');
  });

  it('shows each comparison its own quality metric and no Δ column without a published accuracy', () => {
    const [header, , dcgan] = tableOf(md, 'DCGAN');
    expect(header).toContain('1-NN accuracy (0.5 ideal)');
    expect(header).not.toContain('Δ accuracy (points)');
    expect(dcgan!.slice(-2)).toEqual(['0.885', 'trained; no comparable figure']);
    const [, , knn, km] = tableOf(md, SEED_GROUPS[0]!.title);
    expect(knn!.slice(-3)).toEqual(['0.905', 'accuracy 0.9447; far cheaper than k-means', '-4.0']);
    expect(km!.slice(-3)).toEqual(['0.867', 'accuracy 0.9014', '-3.4']);
  });

  it('compares the measured energy ordering with the published one', () => {
    expect(md).toContain(
      'Ordering: measured (energy) KNN < k-means; published (cost) KNN < k-means: the same.',
    );
    expect(md).toContain(
      'Ordering: published (CO2) MLP < CNN < GRU; measured: not every benchmark has an energy.',
    );
  });

  it('adds a GPU column only when some benchmark used GPU energy', () => {
    expect(md).not.toContain('GPU energy');
    const withGpu = structuredClone(r);
    withGpu.benchmarks[0]!.breakdownJ = { cpu: 10, memory: 2, gpu: 4 };
    const [header, , mlp] = tableOf(seedTables(withGpu), SEED_GROUPS[1]!.title);
    expect(header![5]).toBe('GPU energy');
    expect(mlp![5]).toBe('4.00 J');
  });

  it('ends with the provenance line taken from the report', () => {
    const line = provenanceLine(r);
    expect(r.method.scope).toMatch(/^whole machine/);
    expect(provenanceLine({ ...r, method: { ...r.method, scope: 'whole machine' } })).toBe(
      'Provenance: meter estimator (teads-curve; whole machine), GPU none; region FR (France), grid 100 g CO2e/kWh ' +
        '(test grid, 2023, lifecycle); PUE 1.5 (config); embodied not counted; machine Test CPU (2 logical CPUs, ' +
        '4 GB, linux-x64, virtualised); repeats 3 (medians); TF.js backend wasm; carbon-gate 0.0.0-test, report of ' +
        '2026-01-01T00:00:00.000Z',
    );
    expect(md).toContain(`\n${line}.\n`);
    expect(md).toContain('Suite totals (sums of medians):');
  });

  it('adds the run line when the script ran the suite', () => {
    const run = { command: 'node dist/cli.js run', wallS: 95, loadBefore: '1.0', loadAfter: '2.0' };
    expect(seedTables(r, run)).toContain(
      'Run: `node dist/cli.js run`, 1 m 35 s wall; load average before 1.0, after 2.0.',
    );
  });

  it('keeps the provenance on one line', () => {
    const odd = structuredClone(r);
    odd.method.powerModel = 'two\nlines';
    expect(provenanceLine(odd)).toContain('two lines');
  });
});

describe('seedTables on the real run quoted in docs/tfjs-suite.md', () => {
  // test/fixtures/seed-tables/README.md says where it came from.
  const real = ReportSchema.parse(
    JSON.parse(readFileSync(new URL('../fixtures/seed-tables/carbon-report.json', import.meta.url), 'utf8')),
  );
  const md = seedTables(real);

  it('reproduces the published orderings and reports every benchmark', () => {
    expect(md.match(/: the same\.$/gm)).toHaveLength(3);
    expect(md).not.toContain('not in the report');
    expect(md).toContain('RAM energy is 0 J in every row: the estimator does not split memory out');
  });

  it('is the markdown in docs/tfjs-suite.md', () => {
    // Prettier pads the docs' tables: compare rows cell by cell.
    const rows = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l))
        .map((l) =>
          l
            .split('|')
            .map((c) => c.trim())
            .join('|'),
        );
    const doc = rows(readFileSync(new URL('../../docs/tfjs-suite.md', import.meta.url), 'utf8'));
    const ours = rows(md);
    expect(ours.length).toBeGreaterThan(10);
    for (const row of ours) expect(doc).toContain(row);
  });
});
