import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Forecast } from '../../src/carbon/cleaner-when.js';
import { compileTemplate, renderWithinLimit } from '../../src/github/render/render-comment.js';
import { buildReport } from '../../src/report/build.js';
import { cleanerWhenLines } from '../../src/report/carbon-lines.js';
import { ReportSchema } from '../../src/report/schema.js';
import { renderTable } from '../../src/report/table.js';
import { parseReport } from '../../src/report/view-schema.js';
import { grid, inputs } from '../report/fixtures.js';

// The fixture's report is written at 2026-01-01T00:00Z: the forecast starts there, with a dip 3–4 h later.
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const forecast: Forecast = {
  intensitySource: 'uk',
  source: 'UK Carbon Intensity API forecast, Great Britain (operational, half-hourly)',
  method: 'operational',
  fetchedAt: '2025-12-31T23:59:00.000Z',
  points: Array.from({ length: 96 }, (_, i) => ({
    startMs: T0 + i * 1_800_000,
    slotS: 1800,
    gPerKwh: i >= 6 && i < 8 ? 80 : 200,
  })),
};
const liveGrid = { ...grid, intensitySource: 'uk' as const, intensityGPerKwh: 200 };
const template = compileTemplate(readFileSync(path.resolve('templates/comment.md.hbs'), 'utf8'));
const comment = (report: unknown) => {
  const view = parseReport(JSON.stringify(report));
  if (!view.ok) throw new Error(view.error);
  return renderWithinLimit(template, view.report, { marker: 'M', context: {} }).body;
};

describe('the report: carbon.forecast and benchmarks[].cleanerWhen', () => {
  const report = buildReport(inputs({ grid: liveGrid, forecast }));

  it('a successful training benchmark gets the window of its median duration; an errored one none', () => {
    const [train, broken] = report.benchmarks;
    // train: median 720 J over 72 s, PUE 1.5: the cleanest 72 s start at the dip, 03:00.
    expect(train!.cleanerWhen).toEqual({
      start: '2026-01-01T03:00:00.000Z',
      end: '2026-01-01T03:01:12.000Z',
      durationS: 72,
      avgGPerKwh: 80,
      nowGPerKwh: 200,
      savingShare: 0.6,
      co2eSavedG: expect.closeTo((720 / 3.6e6) * 1.5 * 120, 12),
      horizonEnd: '2026-01-03T00:00:00.000Z',
    });
    expect(broken!.cleanerWhen).toBeUndefined();
    expect(report.carbon.forecast).toEqual({
      intensitySource: 'uk',
      source: forecast.source,
      method: 'operational',
      fetchedAt: forecast.fetchedAt,
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-03T00:00:00.000Z',
      points: 96,
    });
  });

  it('the one schema knows the fields (lossless parse)', () => {
    const json = JSON.parse(JSON.stringify(report));
    const parsed = ReportSchema.safeParse(json);
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data).toStrictEqual(json);
  });

  it('inference and other benchmarks get no hint', () => {
    const runs = inputs().runs.map((r) => ({ ...r, spec: { ...r.spec, kind: 'inference' as const } }));
    const r = buildReport(inputs({ grid: liveGrid, forecast, runs }));
    expect(r.benchmarks.some((b) => b.cleanerWhen)).toBe(false);
    expect(cleanerWhenLines(r)).toEqual([]);
  });

  it('no forecast: no field, no line, no comment block', () => {
    const r = buildReport(inputs());
    expect(r.carbon.forecast).toBeUndefined();
    expect(r.benchmarks[0]!.cleanerWhen).toBeUndefined();
    expect(renderTable(r)).not.toContain('Cleaner when');
    expect(comment(r)).not.toContain('Cleaner when');
  });

  it('the table: one line per hinted benchmark under the forecast', () => {
    expect(cleanerWhenLines(report)).toEqual([
      'Cleaner when (UK Carbon Intensity API forecast, Great Britain (operational, half-hourly), 96 points to 2026-01-03 00:00 UTC):',
      '  train: run at 2026-01-01 03:00 UTC: -60 % (80 vs 200 g CO2e/kWh now, over 1 m 12 s), 36.0 mg less',
    ]);
    expect(renderTable(report)).toContain('  train: run at 2026-01-01 03:00 UTC: -60 %');
  });

  it('"now is as good" when no later start saves 1 %', () => {
    const flat = { ...forecast, points: forecast.points.map((p) => ({ ...p, gPerKwh: 200 })) };
    const r = buildReport(inputs({ grid: liveGrid, forecast: flat }));
    expect(cleanerWhenLines(r)[1]).toBe(
      '  train: now is as good as any later start of 1 m 12 s until 2026-01-03 00:00 UTC (200 g CO2e/kWh)',
    );
  });

  it('the PR comment: the hint under the table, escaped, with a typographic minus', () => {
    const body = comment(report);
    expect(body).toContain(
      'Cleaner when (UK Carbon Intensity API forecast, Great Britain &#40;operational, half-hourly&#41;):',
    );
    expect(body).toMatch(
      /^- \*\*train\*\*: run at 2026-01-01 03&#58;00 UTC&#58; −60 % &#40;80 vs 200 g CO2e\/kWh now.*, 36\.0 mg less$/m,
    );
    expect(body.indexOf('Cleaner when')).toBeGreaterThan(body.indexOf('| **total** |'));
    expect(body.indexOf('Cleaner when')).toBeLessThan(body.indexOf('Provenance'));
  });

  it('the comment renders a hint only if it matches the schema (a forged one is left out)', () => {
    const forged = JSON.parse(JSON.stringify(report));
    forged.benchmarks[0].cleanerWhen.savingShare = 7;
    expect(comment(forged)).not.toContain('Cleaner when');
  });
});
