import { fixed, formatDuration, formatEnergy, formatMass, signedPercent } from '../text/format-number.js';
import type { BenchmarkReport, Report } from './types.js';

/**
 * The reference suite's results in the shape of the tables of the report carbon-gate grew from (per model:
 * duration, CPU, RAM and total energy, emissions, accuracy), grouped as its comparisons, with the published
 * figures beside them. A pure function of a carbon-report.json; scripts/seed-tables.ts is its command.
 *
 * The published figures are only those docs/tfjs-suite.md already cites: the full-MNIST accuracies and the
 * orderings. The docs cite no published joules or grams, so there are none here to compare with.
 */

/** What the source report published for one model of a comparison (docs/tfjs-suite.md cites them). */
export interface PublishedFigure {
  /** Held-out accuracy on full MNIST; compared with the measured accuracy. */
  accuracy?: number;
  /** Anything else published about this model in this comparison, as cited. */
  note?: string;
}

export interface SeedRow {
  /** The model's name in the source report. */
  model: string;
  /** The benchmark of demo/carbon-gate.yml that reproduces it. */
  benchmark: string;
  published: PublishedFigure;
}

export interface SeedGroup {
  title: string;
  /** The quality column: a metric of the benchmark's metrics file and how to show it. */
  quality: { metric: string; header: string; decimals: number };
  rows: SeedRow[];
  /** The published ordering, cheapest first (benchmark names), and what it ranked: CO2, or cost as cited. */
  publishedOrder?: { by: string; benchmarks: string[] };
}

const KNN: SeedRow = {
  model: 'KNN (k = 3)',
  benchmark: 'knn-classify',
  published: { accuracy: 0.9447, note: 'far cheaper than k-means' },
};
const KMEANS_ACCURACY: SeedRow = {
  model: 'k-means (256 clusters)',
  benchmark: 'kmeans-train',
  published: { accuracy: 0.9014 },
};

/** The source report's comparisons (accuracies as published, to 4 decimals), as demo/carbon-gate.yml names their benchmarks. */
export const SEED_GROUPS: readonly SeedGroup[] = [
  {
    title: 'KNN vs k-means (classification)',
    quality: { metric: 'accuracy', header: 'accuracy', decimals: 3 },
    rows: [KNN, KMEANS_ACCURACY],
    publishedOrder: { by: 'cost', benchmarks: ['knn-classify', 'kmeans-train'] },
  },
  {
    title: 'MLP vs CNN vs GRU (classification, trained alike)',
    quality: { metric: 'accuracy', header: 'accuracy', decimals: 3 },
    rows: [
      {
        model: 'MLP (10 hidden layers)',
        benchmark: 'mlp-train',
        published: { accuracy: 0.9798, note: 'CO2: MLP < CNN < GRU' },
      },
      { model: 'CNN (3 convolutions)', benchmark: 'cnn-train', published: { accuracy: 0.9905 } },
      { model: 'GRU (2 layers)', benchmark: 'gru-train', published: { accuracy: 0.987 } },
    ],
    publishedOrder: { by: 'CO2', benchmarks: ['mlp-train', 'cnn-train', 'gru-train'] },
  },
  {
    title: 'Fourier vs k-means (redrawing images)',
    quality: { metric: 'psnrDb', header: 'PSNR (dB)', decimals: 1 },
    rows: [
      {
        model: 'Fourier series (8 frequencies)',
        benchmark: 'fourier-redraw',
        published: { note: 'cheaper than k-means for image generation' },
      },
      { model: 'k-means (256 clusters)', benchmark: 'kmeans-train', published: {} },
    ],
    publishedOrder: { by: 'cost', benchmarks: ['fourier-redraw', 'kmeans-train'] },
  },
  {
    title: 'DCGAN',
    quality: { metric: 'oneNnAccuracy', header: '1-NN accuracy (0.5 ideal)', decimals: 3 },
    rows: [
      {
        model: 'DCGAN',
        benchmark: 'dcgan-train',
        published: { note: 'trained; no comparable figure' },
      },
    ],
  },
];

const dash = '–';

/** A table cell: one line, no column breaks. */
const cell = (s: string) => s.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');

function markdownTable(header: string[], rows: string[][]): string[] {
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`);
}

const orDash = (v: number | null | undefined, f: (n: number) => string) =>
  v === null || v === undefined ? dash : f(v);

function metric(b: BenchmarkReport | undefined, key: string): number | undefined {
  const v = b?.metrics?.[key];
  return typeof v === 'number' ? v : undefined;
}

function publishedCell(p: PublishedFigure): string {
  const parts = [
    ...(p.accuracy === undefined ? [] : [`accuracy ${fixed(p.accuracy, 4)}`]),
    ...(p.note ? [p.note] : []),
  ];
  return parts.length ? parts.join('; ') : dash;
}

/** The measured ordering by energy, cheapest first, of the rows that have one. */
function measuredOrder(group: SeedGroup, byName: Map<string, BenchmarkReport>): string[] {
  return group.rows
    .map((r) => ({ name: r.benchmark, energyJ: byName.get(r.benchmark)?.energyJ ?? null }))
    .filter((r): r is { name: string; energyJ: number } => r.energyJ !== null)
    .sort((a, b) => a.energyJ - b.energyJ)
    .map((r) => r.name);
}

function orderLine(group: SeedGroup, byName: Map<string, BenchmarkReport>): string | undefined {
  if (!group.publishedOrder) return undefined;
  const label = new Map(group.rows.map((r) => [r.benchmark, r.model.replace(/ \(.*\)$/, '')]));
  const show = (names: string[]) => names.map((n) => label.get(n) ?? n).join(' < ');
  const measured = measuredOrder(group, byName);
  const published = group.publishedOrder;
  if (measured.length < published.benchmarks.length)
    return `Ordering: published (${published.by}) ${show(published.benchmarks)}; measured: not every benchmark has an energy.`;
  const same = measured.every((n, i) => n === published.benchmarks[i]);
  return (
    `Ordering: measured (energy) ${show(measured)}; published (${published.by}) ${show(published.benchmarks)}: ` +
    (same ? 'the same.' : 'different.')
  );
}

function groupTable(group: SeedGroup, byName: Map<string, BenchmarkReport>, gpu: boolean): string[] {
  const hasPublishedAccuracy = group.rows.some((r) => r.published.accuracy !== undefined);
  const header = [
    'model',
    'benchmark',
    'duration (s)',
    'CPU energy',
    'RAM energy',
    ...(gpu ? ['GPU energy'] : []),
    'total energy',
    'emissions (CO2e)',
    group.quality.header,
    'published (full MNIST)',
    ...(hasPublishedAccuracy ? ['Δ accuracy (points)'] : []),
  ];
  const rows = group.rows.map((r) => {
    const b = byName.get(r.benchmark);
    const q = metric(b, group.quality.metric);
    const accuracy = metric(b, 'accuracy');
    const pub = r.published.accuracy;
    return [
      r.model,
      b ? b.name : `${r.benchmark} (not in the report)`,
      orDash(b?.durationS, (s) => fixed(s, 2)),
      orDash(b?.breakdownJ?.cpu, formatEnergy),
      orDash(b?.breakdownJ?.memory, formatEnergy),
      ...(gpu ? [orDash(b?.breakdownJ?.gpu, formatEnergy)] : []),
      orDash(b?.energyJ, formatEnergy),
      orDash(b?.co2eG, formatMass),
      orDash(q, (v) => fixed(v, group.quality.decimals)),
      publishedCell(r.published),
      ...(hasPublishedAccuracy
        ? [pub === undefined || accuracy === undefined ? dash : signedPercent(accuracy - pub)]
        : []),
    ];
  });
  const order = orderLine(group, byName);
  return [`**${group.title}**`, '', ...markdownTable(header, rows), ...(order ? ['', order] : [])];
}

/** How the figures were obtained, in one line, from the report itself. */
export function provenanceLine(report: Report): string {
  const m = report.method;
  const c = report.carbon;
  const machine = report.machine;
  const repeats = [...new Set(report.benchmarks.map((b) => b.repeats))].sort((a, b) => a - b);
  const backends = [...new Set(report.benchmarks.flatMap((b) => (b.backend ? [b.backend] : [])))];
  return [
    `Provenance: meter ${m.cpu} (${m.powerModel}; ${m.scope}), GPU ${m.gpu}`,
    `region ${c.region} (${c.regionName}), grid ${c.intensityGPerKwh} g CO2e/kWh (${c.source}, ${c.intensityYear}, ${c.method})`,
    `PUE ${c.pue} (${c.pueSource})`,
    `embodied ${c.embodied ? 'counted' : 'not counted'}`,
    `machine ${machine.cpuModel} (${machine.logicalCpus} logical CPUs, ${machine.memoryGb} GB, ${machine.platform}${machine.virtualised ? ', virtualised' : ''})`,
    `repeats ${repeats.length ? repeats.join('/') : dash}${repeats.some((n) => n > 1) ? ' (medians)' : ''}`,
    ...(backends.length ? [`TF.js backend ${backends.join('/')}`] : []),
    `carbon-gate ${report.tool.version}, report of ${report.createdAt}`,
  ]
    .map((s) => s.replace(/[\r\n]+/g, ' '))
    .join('; ');
}

/** Optional facts about the run that produced the report (the script knows them, the report does not). */
export interface RunInfo {
  command: string;
  wallS: number;
  loadBefore: string;
  loadAfter: string;
}

/** The markdown: one table per comparison, the suite's totals and the provenance line. */
export function seedTables(report: Report, run?: RunInfo): string {
  const byName = new Map(report.benchmarks.map((b) => [b.name, b]));
  const gpu = report.benchmarks.some((b) => (b.breakdownJ?.gpu ?? 0) > 0);
  const out: string[] = [];
  for (const group of SEED_GROUPS) out.push(...groupTable(group, byName, gpu), '');
  const t = report.totals;
  const measured = report.benchmarks.filter((b) => b.breakdownJ);
  if (measured.length && measured.every((b) => b.breakdownJ!.memory === 0))
    out.push(
      report.method.cpu === 'estimator'
        ? 'RAM energy is 0 J in every row: the estimator does not split memory out; its CPU figure is the ' +
            'whole machine, memory included (method.basis in the report).'
        : `RAM energy is 0 J in every row: the meter (${report.method.cpu}) reported no memory energy.`,
      '',
    );
  out.push(
    `Suite totals (sums of medians): ${formatDuration(t.durationS)} of benchmarks, ${formatEnergy(t.energyJ)}, ` +
      `${formatMass(t.co2eG)} CO2e.`,
    '',
    provenanceLine(report) + '.',
  );
  if (run)
    out.push(
      '',
      `Run: \`${run.command}\`, ${formatDuration(run.wallS)} wall; load average before ${run.loadBefore}, after ${run.loadAfter}.`,
    );
  return out.join('\n') + '\n';
}
