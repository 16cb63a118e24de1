import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReportSchemaFile } from '../../scripts/gen-report-schema.js';
import { parseReport, reportSchema } from '../../src/report/view-schema.js';
import { GateReportSchema } from '../../src/gate/report-schema.js';
import { parseRecord, toRunRecord } from '../../src/github/history/record.js';
import { buildReport } from '../../src/report/build.js';
import { buildReportJsonSchema, REPORT_SCHEMA_ID } from '../../src/report/json-schema.js';
import { REPORT_LIMITS, ReportSchema } from '../../src/report/schema.js';
import { inputs } from './fixtures.js';
import { fullReport } from './full-report.js';

// As on disk: JSON has no undefined, and the readers see parsed text.
const onDisk = (r: unknown) => JSON.parse(JSON.stringify(r));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mutated freely by the cases below
type Json = any;

describe('schema/carbon-report.schema.json', () => {
  it('is what the zod schema generates (run: npm run gen:report-schema)', async () => {
    const { upToDate, expected, actual } = await checkReportSchemaFile();
    expect(actual).toBe(expected);
    expect(upToDate).toBe(true);
  });

  it('carries the caps and leaves objects open to fields added within the version', () => {
    const s = buildReportJsonSchema() as Json;
    expect(s.$id).toBe(REPORT_SCHEMA_ID);
    expect(s.properties.benchmarks.maxItems).toBe(REPORT_LIMITS.benchmarks);
    expect(s.properties.config.maxLength).toBe(500);
    expect(s.properties.benchmarks.items.properties.kind.enum).toEqual(['training', 'inference', 'other']);
    expect(s.additionalProperties).toBeUndefined();
  });
});

describe('the report schema describes what the code writes', () => {
  const fixture = JSON.parse(readFileSync(path.resolve('test/fixtures/action/carbon-report.json'), 'utf8'));
  it.each([
    ['every optional field, gated', fullReport()],
    ['a plain run with an errored benchmark', buildReport(inputs())],
    ['a real run (the action fixture)', fixture],
  ])('%s: parses losslessly (no field unknown to it, none missing)', (_label, report) => {
    const json = onDisk(report);
    const parsed = ReportSchema.safeParse(json);
    expect(parsed.error?.issues).toBeUndefined();
    // z.object drops unknown keys, so equality means the schema knows every key the code wrote.
    expect(parsed.data).toStrictEqual(json);
  });

  it('the readers derived from it accept the report', () => {
    const text = JSON.stringify(fullReport());
    const view = parseReport(text);
    expect(view.ok).toBe(true);
    expect(GateReportSchema.safeParse(JSON.parse(text)).success).toBe(true);
    const meta = { sha: 'a'.repeat(40), ref: 'refs/heads/main', runId: '1', now: new Date('2026-01-02') };
    const record = toRunRecord(fullReport(), meta);
    expect(parseRecord(JSON.stringify(record))).toEqual(record);
    expect(record.benchmarks[0]).toMatchObject({ name: 'train', perUnit: { count: 2 } });
    // The gate's figures, and of the metrics only the quality metric (accuracy) a later PR compares with.
    expect(Object.keys(record.benchmarks[0]!.samples[0]!)).toEqual([
      'status',
      'energyJ',
      'co2eG',
      'durationS',
      'metrics',
    ]);
    expect(Object.keys(record.benchmarks[0]!.samples[0]!.metrics!)).toEqual(['accuracy']);
  });
});

describe('the action trust boundary (reportSchema)', () => {
  const base = (): Json => onDisk(fullReport());
  const b0 = (r: Json) => r.benchmarks[0];
  const long = (n: number) => 'x'.repeat(n);
  const many = <T>(n: number, item: T) => Array.from({ length: n }, () => item);

  it.each<[string, (r: Json) => void, string]>([
    ['NaN energy', (r) => (b0(r).energyJ = NaN), 'benchmarks.0.energyJ'],
    ['infinite sample CO2e', (r) => (b0(r).samples[0].co2eG = Infinity), 'benchmarks.0.samples.0.co2eG'],
    ['infinite total', (r) => (r.totals.energyKwh = -Infinity), 'totals.energyKwh'],
    ['an oversize config path', (r) => (r.config = long(501)), 'config'],
    ['an oversize benchmark name', (r) => (b0(r).name = long(201)), 'benchmarks.0.name'],
    ['an oversize reason', (r) => (b0(r).samples[0].reason = long(2001)), 'benchmarks.0.samples.0.reason'],
    ['an oversize notice', (r) => (r.notices = [long(2001)]), 'notices.0'],
    ['too many notices', (r) => (r.notices = many(REPORT_LIMITS.notices + 1, 'n')), 'notices'],
    ['too many benchmarks', (r) => (r.benchmarks = many(REPORT_LIMITS.benchmarks + 1, b0(r))), 'benchmarks'],
    [
      'too many samples',
      (r) => (b0(r).samples = many(REPORT_LIMITS.samples + 1, b0(r).samples[0])),
      'benchmarks.0.samples',
    ],
    [
      'too many budget uses',
      (r) => (b0(r).budgetUse = many(REPORT_LIMITS.budgetUse + 1, b0(r).budgetUse[0])),
      'benchmarks.0.budgetUse',
    ],
    ['a number as text', (r) => (b0(r).energyJ = '12'), 'benchmarks.0.energyJ'],
    ['an unknown status', (r) => (r.verdict.status = 'great'), 'verdict.status'],
    ['another schema version', (r) => (r.schemaVersion = 2), 'schemaVersion'],
    ['another tool', (r) => (r.tool.name = 'other'), 'tool.name'],
    ['samples not a list', (r) => (b0(r).samples = {}), 'benchmarks.0.samples'],
    ['a fractional repeat', (r) => (b0(r).samples[0].repeat = 1.5), 'benchmarks.0.samples.0.repeat'],
    ['a short interval', (r) => (b0(r).comparison.ci95 = [1]), 'benchmarks.0.comparison.ci95'],
    [
      'an unknown baseline source',
      (r) => (r.verdict.baseline.source = 'elsewhere'),
      'verdict.baseline.source',
    ],
    ['a missing required field', (r) => delete r.carbon.intensityGPerKwh, 'carbon.intensityGPerKwh'],
  ])('rejects %s', (_label, mutate, where) => {
    const r = base();
    mutate(r);
    const parsed = reportSchema.safeParse(r);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain(where);
  });

  it('rejects a non-finite number written as JSON (1e999), with the path in the error', () => {
    const text = JSON.stringify(base()).replace(/"co2eG":[0-9.e-]+/, '"co2eG":1e999');
    expect(parseReport(text)).toEqual({ ok: false, error: expect.stringContaining('co2eG') });
  });

  it.each<[string, (r: Json) => void]>([
    [
      'extra fields at every level',
      (r) => {
        r.future = { x: 1 };
        r.carbon.future = 1;
        b0(r).future = 'x';
        b0(r).samples[0].future = [1];
        b0(r).comparison.future = true;
        r.verdict.baseline.future = null;
      },
    ],
    [
      'no machine, notices, scope or region name',
      (r) => {
        delete r.machine;
        delete r.notices;
        delete r.method.scope;
        delete r.carbon.regionName;
      },
    ],
    [
      'a benchmark without gate fields (an older report)',
      (r) => {
        for (const k of ['reasons', 'stats', 'comparison', 'budgetUse', 'budget']) delete b0(r)[k];
        delete r.verdict.baseline;
      },
    ],
    [
      'enum members of a newer version',
      (r) => {
        r.method.cpu = 'powercap';
        b0(r).kind = 'evaluation';
        b0(r).comparison.metric = 'memory';
      },
    ],
    [
      'unread fields it does not check (command, metrics)',
      (r) => {
        b0(r).command = long(5000);
        b0(r).metrics = { anything: { nested: true } };
      },
    ],
  ])('accepts %s', (_label, mutate) => {
    const r = base();
    mutate(r);
    const parsed = reportSchema.safeParse(r);
    expect(parsed.error?.issues).toBeUndefined();
  });

  it('passes unknown fields through to the renderer untouched', () => {
    const r = base();
    r.future = { x: 1 };
    b0(r).future = 'y';
    const parsed = reportSchema.parse(r) as Json;
    expect(parsed.future).toEqual({ x: 1 });
    expect(parsed.benchmarks[0].future).toBe('y');
  });
});

describe("the gate's reader (GateReportSchema)", () => {
  const base = (): Json => onDisk(fullReport());
  it('defaults a budget without metric to energy, as reports before it were judged', () => {
    const r = base();
    delete r.benchmarks[0].budget.metric;
    expect(GateReportSchema.parse(r).benchmarks[0]!.budget!.metric).toBe('energy');
  });
  it.each<[string, (r: Json) => void]>([
    ['a negative sample energy', (r) => (r.benchmarks[0].samples[0].energyJ = -1)],
    ['a zero functional-unit count', (r) => (r.benchmarks[0].perUnit.count = 0)],
    ['a wrong type', (r) => (r.totals.co2eG = 'x')],
  ])('rejects %s', (_label, mutate) => {
    const r = base();
    mutate(r);
    expect(GateReportSchema.safeParse(r).success).toBe(false);
  });
});
