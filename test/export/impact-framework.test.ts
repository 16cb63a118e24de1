import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  IF_ROW_FIELDS,
  impactFrameworkManifest,
  impactFrameworkYaml,
} from '../../src/export/impact-framework.js';
import type { ExportReport } from '../../src/export/export-report.js';
import { full, gpuReport } from './report-fixtures.js';

/**
 * The manifest shape `if-run` validates, transcribed from @grnsft/if 1.1.0 (npm),
 * build/common/util/validations.js `manifestSchema` and the Sci builtin's input validation
 * (build/if-run/builtins/sci/index.js: carbon ≥ 0, duration ≥ 1, the functional unit ≥ 0).
 */
const aggregation = z.object({
  time: z.enum(['sum', 'avg', 'none', 'copy']),
  component: z.enum(['sum', 'avg', 'none', 'copy']),
});
const metadata = z.record(
  z.string(),
  z.object({ unit: z.string(), description: z.string(), 'aggregation-method': aggregation }),
);
const Manifest = z.object({
  name: z.string(),
  description: z.string().nullish(),
  tags: z.object({
    kind: z.string().nullish(),
    complexity: z.string().nullish(),
    category: z.string().nullish(),
  }),
  initialize: z.object({
    plugins: z.record(
      z.string(),
      z.object({
        path: z.string(),
        method: z.string(),
        config: z.record(z.string(), z.unknown()).optional(),
        'parameter-metadata': z.object({ inputs: metadata, outputs: metadata }).optional(),
      }),
    ),
  }),
  tree: z.object({
    children: z.record(
      z.string(),
      z.object({
        pipeline: z.object({ compute: z.array(z.string()) }).optional(),
        inputs: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
      }),
    ),
  }),
});

/** The YAML read back and checked against IF's shape. */
function readBack(report: ExportReport) {
  return Manifest.parse(parse(impactFrameworkYaml(report)));
}

describe('impact-framework manifest', () => {
  it("parses as IF's manifest; each row has exactly the issue's fields and the functional unit", () => {
    const r = gpuReport('cpu-only');
    // A CPU-only report: memory and GPU energy zero.
    for (const b of r.benchmarks)
      for (const s of b.samples) s.breakdownJ = { cpu: s.energyJ, memory: 0, gpu: 0 };
    const m = readBack(r);
    const rows = m.tree.children['cpu-only']!.inputs;
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(Object.keys(row)).toEqual([...IF_ROW_FIELDS, 'run']);
    expect(IF_ROW_FIELDS).toEqual([
      'timestamp',
      'duration',
      'cpu/utilization',
      'cpu/energy',
      'grid/carbon-intensity',
      'carbon-operational',
      'carbon-embodied',
      'carbon',
    ]);
  });

  it("one row per successful repeat with the report's numbers: kWh, g, %, PUE in carbon-operational", () => {
    const r = full();
    const m = readBack(r);
    const train = r.benchmarks[0]!;
    const rows = m.tree.children.train!.inputs;
    expect(rows).toHaveLength(train.samples.length);
    rows.forEach((row, i) => {
      const s = train.samples[i]!;
      expect(row.duration).toBe(s.durationS);
      expect(row['cpu/utilization']).toBeCloseTo(s.utilisation! * 100, 12);
      expect(row['cpu/energy']).toBeCloseTo(s.breakdownJ!.cpu / 3_600_000, 15);
      expect(row['memory/energy']).toBeCloseTo(s.breakdownJ!.memory / 3_600_000, 15);
      expect(row['grid/carbon-intensity']).toBe(r.carbon.intensityGPerKwh);
      expect(row['carbon-operational']).toBeCloseTo(
        (s.energyJ / 3_600_000) * r.carbon.pue * r.carbon.intensityGPerKwh,
        12,
      );
      expect(row['carbon-embodied']).toBe(s.embodiedG);
      expect(row.carbon).toBeCloseTo(Number(row['carbon-operational']) + Number(row['carbon-embodied']), 12);
      expect(row.epoch).toBe(2);
    });
    expect(m.tree.children.serve!.inputs[0]!.inference).toBe(100);
    // No successful repeat: the child is there, with no rows.
    expect(m.tree.children['broken \u001b[31m']!.inputs).toEqual([]);
  });

  it('memory and GPU energy get their own fields when metered; cpu/energy is then the CPU part', () => {
    const rows = readBack(gpuReport('gpu')).tree.children.gpu!.inputs;
    expect(Object.keys(rows[0]!)).toEqual([
      'timestamp',
      'duration',
      'cpu/utilization',
      'cpu/energy',
      'memory/energy',
      'gpu/energy',
      'grid/carbon-intensity',
      'carbon-operational',
      'carbon-embodied',
      'carbon',
      'run',
    ]);
    expect(rows[0]!['gpu/energy']).toBeCloseTo(50 / 3_600_000, 15);
  });

  it("repeats laid back to back, the last ending at the report's createdAt", () => {
    const r = full();
    const rows = Object.values(readBack(r).tree.children).flatMap((c) => c.inputs);
    const ends = rows.map((row) => Date.parse(String(row.timestamp)) + Number(row.duration) * 1000);
    for (let i = 1; i < rows.length; i++)
      expect(Date.parse(String(rows[i]!.timestamp))).toBeCloseTo(ends[i - 1]!, -1);
    expect(ends.at(-1)).toBeCloseTo(Date.parse(r.createdAt), -1);
  });

  it("IF's Sci plugin per unit, run only where every row lasts ≥ 1 s; provenance in metadata and description", () => {
    const r = full();
    const m = impactFrameworkManifest(r) as z.infer<typeof Manifest>;
    // train's repeats last 31–36 s, serve's 3.6 s: both fit the plugin.
    expect(m.tree.children.train!.pipeline).toEqual({ compute: ['sci-epoch'] });
    expect(m.tree.children.serve!.pipeline).toEqual({ compute: ['sci-inference'] });
    expect(m.tree.children['broken \u001b[31m']!.pipeline).toBeUndefined();
    const sci = m.initialize.plugins['sci-epoch']!;
    expect(sci).toMatchObject({ method: 'Sci', path: 'builtin', config: { 'functional-unit': 'epoch' } });
    const meta = sci['parameter-metadata']!.inputs;
    expect(meta['cpu/energy']!.unit).toBe('kWh');
    expect(meta['grid/carbon-intensity']!.description).toContain('test grid, 2023');
    expect(meta['carbon-operational']!.description).toContain('PUE 1.5');
    expect(m.description).toMatch(/meter estimator \+ nvidia-smi .*grid .*test grid, 2023.*PUE 1\.5/);

    const short = gpuReport('short');
    for (const s of short.benchmarks[0]!.samples) s.durationS = 0.5;
    const ms = impactFrameworkManifest(short) as z.infer<typeof Manifest>;
    expect(ms.tree.children.short!.pipeline).toBeUndefined();
    expect(ms.initialize.plugins).toEqual({});
  });
});
