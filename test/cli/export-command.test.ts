import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODECARBON_COLUMNS } from '../../src/export/codecarbon-csv.js';
import { IF_ROW_FIELDS } from '../../src/export/impact-framework.js';
import { compileTemplate, renderWithinLimit } from '../../src/github/render/render-comment.js';
import { parseReport } from '../../src/report/view-schema.js';
import { runCli } from '../helpers/cli.js';
import { parseCsv } from '../export/parse-csv.js';

/**
 * `carbon-gate export` end to end: the built CLI runs a real two-benchmark suite (one benchmark's name has
 * a comma, quotes and starts like a formula), writes .carbon-gate/carbon-report.json, and exports it.
 */
const NAME = 'bert, "base"';
let dir: string;
let outside: string;
let report: {
  benchmarks: { name: string; operationalG: number; energyJ: number }[];
  carbon: { pue: number };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'export-cli-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'export-cli-outside-'));
  writeFileSync(
    path.join(dir, 'carbon-gate.yml'),
    [
      'version: 1',
      'region: FR',
      'pue: 1.2',
      'benchmarks:',
      `  - { name: ${JSON.stringify(NAME)}, kind: inference, run: "node -e \\"let s=0;for(let i=0;i<2e7;i++)s+=i\\"", repeat: 2, unit: { name: inference, count: 10 } }`,
      '  - { name: "=cmd", kind: other, run: "true" }',
    ].join('\n') + '\n',
  );
  const run = await runCli(['run'], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  report = JSON.parse(readFileSync(path.join(dir, '.carbon-gate/carbon-report.json'), 'utf8'));
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const exportCli = (...args: string[]) => runCli(['export', ...args], { cwd: dir });

describe('carbon-gate export (built CLI, real report)', () => {
  it("codecarbon-csv: CodeCarbon's header, one row per benchmark, names intact, units from the report", async () => {
    const r = await exportCli('--format', 'codecarbon-csv');
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = parseCsv(r.stdout);
    expect(header).toEqual([...CODECARBON_COLUMNS]);
    expect(rows.map((row) => row[1])).toEqual([NAME, "'=cmd"]);
    const cell = (row: string[], k: string) => Number(row[header!.indexOf(k)]);
    const b = report.benchmarks[0]!;
    expect(cell(rows[0]!, 'emissions')).toBeCloseTo(b.operationalG / 1000, 15);
    expect(cell(rows[0]!, 'energy_consumed')).toBeCloseTo((b.energyJ * 1.2) / 3_600_000, 15);
    expect(cell(rows[0]!, 'pue')).toBe(1.2);
    expect(rows[0]![header!.indexOf('python_version')]).toMatch(/^node v\d+\./);
  });

  it('sci: JSON with SCI = (E × I + M) / R per benchmark and the disclosures', async () => {
    const r = await exportCli('--format', 'sci');
    expect(r.code, r.stderr).toBe(0);
    const sci = JSON.parse(r.stdout);
    const b = sci.benchmarks[0];
    expect(b).toMatchObject({ name: NAME, functionalUnit: { name: 'inference', count: 10 }, R: 10 });
    expect(b.SCI).toBeCloseTo((b.E * b.I + b.M) / b.R, 15);
    expect(sci.disclosures.intensity).toMatchObject({
      type: 'average',
      method: 'lifecycle',
      region: 'FR (France)',
    });
    expect(sci.disclosures.quantificationMethod.quantification).toMatch(/measured|modelled/);
  });

  it('impact-framework: a YAML manifest whose rows carry exactly the IF field names', async () => {
    const out = path.join(dir, 'exports/if.yml');
    const r = await exportCli('--format', 'impact-framework', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const m = parse(readFileSync(out, 'utf8'));
    expect(Object.keys(m.tree.children)).toEqual([NAME, '=cmd']);
    const rows = m.tree.children[NAME].inputs;
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(Object.keys(row)).toEqual([...IF_ROW_FIELDS, 'inference']);
  });

  it("markdown: the Action renderer's output for the same report", async () => {
    const r = await exportCli('--format', 'markdown', '--report', '.carbon-gate/carbon-report.json');
    expect(r.code, r.stderr).toBe(0);
    const view = parseReport(readFileSync(path.join(dir, '.carbon-gate/carbon-report.json'), 'utf8'));
    if (!view.ok) throw new Error(view.error);
    const template = compileTemplate(readFileSync(path.resolve('templates/comment.md.hbs'), 'utf8'));
    expect(r.stdout).toBe(
      renderWithinLimit(template, view.report, { marker: '', context: {} }, Infinity).body,
    );
  });

  it.each([
    [
      ['--format', 'xml'],
      /^carbon-gate: export: --format "xml" is not known; expected one of codecarbon-csv\|sci\|impact-framework\|markdown$/,
    ],
    [[], /^carbon-gate: export: --format is required; expected one of codecarbon-csv\|sci/],
    [['--format', 'sci', '--bogus'], /^carbon-gate: export: Unknown option '--bogus'/],
    [['--format', 'sci', 'extra'], /^carbon-gate: export: unexpected argument "extra"/],
    [
      ['--format', 'sci', '--report', 'missing.json'],
      /^carbon-gate: --report .*missing\.json: file not found$/,
    ],
    [
      ['--format', 'sci', '--report', '../elsewhere.json'],
      /^carbon-gate: export: --report \.\.\/elsewhere\.json resolves outside the working directory/,
    ],
    [
      ['--format', 'sci', '--report', 'link.json'],
      /^carbon-gate: export: --report link\.json resolves outside the working directory \(symlinks followed\)/,
    ],
    [
      ['--format', 'sci', '--report', '.git/report.json'],
      /^carbon-gate: export: --report \.git\/report\.json is inside \.git\//,
    ],
    [['--format', 'sci', '--report', 'bad.json'], /^carbon-gate: --report .*bad\.json: not JSON/],
    [
      ['--format', 'codecarbon-csv', '--report', 'negative.json'],
      /^carbon-gate: --report .*negative\.json: not a carbon-gate report: benchmarks\[0\]\.energyJ: /,
    ],
    [
      ['--format', 'markdown', '--report', 'negative.json'],
      /^carbon-gate: --report .*negative\.json: not a carbon-gate report: benchmarks\[0\]\.energyJ: /,
    ],
  ])('%j → exit 2, one line', async (args, message) => {
    writeFileSync(path.join(outside, 'report.json'), JSON.stringify(report));
    rmSync(path.join(dir, 'link.json'), { force: true });
    symlinkSync(path.join(outside, 'report.json'), path.join(dir, 'link.json'));
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    writeFileSync(path.join(dir, '.git/report.json'), JSON.stringify(report));
    writeFileSync(path.join(dir, 'bad.json'), '{ nope');
    const negative = structuredClone(report);
    negative.benchmarks[0]!.energyJ = -5;
    writeFileSync(path.join(dir, 'negative.json'), JSON.stringify(negative));
    const r = await exportCli(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('--help prints the formats and exits 0', async () => {
    const r = await exportCli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--format F');
    expect(r.stdout).toContain('impact-framework');
  });
});
