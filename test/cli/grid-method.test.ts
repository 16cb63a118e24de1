import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cg-grid-'));
// No live provider: a token in the developer's environment must not change the grid under test.
const env = { CARBON_GATE_ELECTRICITY_MAPS_TOKEN: '' };

function suite(dir: string, extra: string): void {
  writeFileSync(
    path.join(dir, 'carbon-gate.yml'),
    `version: 1\nregion: FR\n${extra}budget: { regression: { fail: 900%, metric: co2e } }\n` +
      'benchmarks:\n  - { name: t, kind: other, run: "true", repeat: 5 }\n',
  );
}

describe('one method per number (CLI)', () => {
  it('run --baseline FILE whose carbon.method differs: the CO2e comparison is flagged in JSON and table', async () => {
    const dir = tmp();
    suite(dir, 'intensity: { source: embedded }\n');
    const first = await runCli(['run', '--out', 'base'], { cwd: dir, env });
    expect(first.code).toBe(0);
    const file = path.join(dir, 'base', 'carbon-report.json');
    const base = JSON.parse(readFileSync(file, 'utf8'));
    expect(base.carbon.method).toBe('lifecycle');
    base.carbon.method = 'operational';
    writeFileSync(file, JSON.stringify(base));

    const json = await runCli(['run', '--json', '--baseline', 'base/carbon-report.json'], { cwd: dir, env });
    expect(json.stderr).not.toMatch(/error/i);
    const rep = JSON.parse(json.stdout);
    expect(rep.benchmarks[0].comparison).toMatchObject({
      metric: 'co2e',
      baseline: 'file',
      gridMismatch: ['method: operational → lifecycle'],
    });
    expect(rep.verdict.reasons[0]).toBe(
      "the baseline's grid differs from this run's (method: operational → lifecycle): the CO2e comparisons (t) mix the grid's change with the code's; SCI needs the same method on both sides (the same region and intensity source on both, or gate on energy)",
    );

    const table = await runCli(['run', '--baseline', 'base/carbon-report.json'], { cwd: dir, env });
    expect(table.stdout).toMatch(/^t\s+CO2e\s.*\] †/m);
    expect(table.stdout).toContain(
      '† CO2e vs a baseline on another grid (method: operational → lifecycle): not like for like',
    );
    expect(table.stdout).toContain(
      "  the baseline's grid differs from this run's (method: operational → lifecycle)",
    );

    // The same grid: nothing flagged.
    writeFileSync(file, JSON.stringify({ ...base, carbon: { ...base.carbon, method: 'lifecycle' } }));
    const unflagged = JSON.parse(
      (await runCli(['run', '--json', '--baseline', 'base/carbon-report.json'], { cwd: dir, env })).stdout,
    );
    expect(unflagged.benchmarks[0].comparison.gridMismatch).toBeUndefined();
    expect(unflagged.verdict.reasons.join('\n')).not.toContain('grid');
  });

  it('intensity.method a source cannot give: the figure is kept, a notice and a verdict line say so', async () => {
    const dir = tmp();
    suite(dir, 'intensity: { source: embedded, method: operational }\n');
    const r = await runCli(['run', '--json'], { cwd: dir, env });
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    const line =
      'grid intensity is lifecycle (Ember via OWID), not the operational asked for in intensity.method';
    expect(rep.carbon).toMatchObject({ region: 'FR', method: 'lifecycle', methodAsked: 'operational' });
    expect(rep.notices).toContain(`${line}: the figure is kept as the source gives it, not converted`);
    expect(rep.verdict).toMatchObject({ status: 'pass' });
    expect(rep.verdict.reasons).toContain(line);

    const table = await runCli(['run'], { cwd: dir, env });
    expect(table.stdout).toContain(`verdict: pass\n  ${line}`);
  });

  it('intensity.method is checked like every key', async () => {
    const dir = tmp();
    suite(dir, 'intensity: { method: direct }\n');
    const r = await runCli(['validate'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"direct" factors are "operational"');
  });
});
