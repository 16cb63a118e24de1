import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cg-run-'));

describe('carbon-gate run', () => {
  it('a crash and a hang are errors, the others run, the report is written, exit 3', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(
      path.join(dir, 'carbon-gate.yml'),
      [
        'version: 1',
        'region: SE',
        'pue: 1.2',
        'benchmarks:',
        '  - { name: first, kind: training, run: "echo trained", repeat: 2 }',
        '  - { name: crash, kind: inference, run: "echo boom >&2; exit 9" }',
        '  - { name: hang, kind: other, run: "sleep 60", timeout: 1s }',
        '  - { name: last, kind: other, run: "pwd; echo $GREETING", cwd: sub, env: { GREETING: hej } }',
      ].join('\n'),
    );
    const r = await runCli(['run', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(3);
    const file = path.join(dir, 'out', 'carbon-report.json');
    expect(existsSync(file)).toBe(true);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.benchmarks.map((b: { name: string; status: string }) => [b.name, b.status])).toEqual([
      ['first', 'pass'],
      ['crash', 'error'],
      ['hang', 'error'],
      ['last', 'pass'],
    ]);
    expect(report.benchmarks[1].reason).toBe('repeat 1/1: exited with code 9');
    expect(report.benchmarks[2].reason).toMatch(/timed out after 1 s/);
    expect(report.carbon).toMatchObject({
      region: 'SE',
      regionOrigin: 'config',
      pue: 1.2,
      pueSource: 'config',
    });
    expect(report.verdict.status).toBe('error');
    expect(report.benchmarks[0].samples).toHaveLength(2);
    expect(r.stderr).toContain('[crash] boom');
    expect(r.stderr).toContain(`[last] ${path.join(dir, 'sub')}`);
    expect(r.stderr).toContain('[last] hej');
    expect(r.stderr).toContain('carbon-gate: [4/4] last: repeat 1/1');
    expect(r.stdout).toMatch(/^first\s+training\s+2\/2/m);
    expect(r.stdout).toMatch(/^verdict: error$[\s\S]*^ {2}hang: repeat 1\/1: timed out/m);
  });

  it('--json prints the report on stdout; --region beats config and env', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'carbon-gate.yml'),
      'version: 1\nregion: SE\nbenchmarks:\n  - { name: a, kind: other, run: "true" }\n',
    );
    const r = await runCli(['run', '--json', '--region', 'IN'], {
      cwd: dir,
      env: { CARBON_GATE_REGION: 'FR' },
    });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.carbon).toMatchObject({ region: 'IN', regionOrigin: 'flag' });
    expect(report.verdict.status).toBe('pass');
    expect(existsSync(path.join(dir, '.carbon-gate', 'carbon-report.json'))).toBe(true);
  });

  it('a bad config → exit 2 with one line per problem, nothing run', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'carbon-gate.yml'),
      'version: 1\nbenchmarks:\n  - { name: a, kind: trainin, run: "touch ran" }\n  - { name: a, kind: other, run: "" }\n',
    );
    const r = await runCli(['run'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(/^carbon-gate\.yml: benchmarks\[\d\]\.\w+: /);
    expect(existsSync(path.join(dir, 'ran'))).toBe(false);
  });

  it('with no config it runs the built-in reference suite (TF.js, at toy size here) and writes the report', async () => {
    const dir = tmp();
    // Smoke size: every benchmark runs end to end in about a second; npm start runs them at full size.
    const r = await runCli(['run'], { cwd: dir, env: { CARBON_GATE_TFJS_SMOKE: '1' } });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, '.carbon-gate', 'carbon-report.json'), 'utf8'));
    expect(report.config).toBe('built-in demo suite');
    expect(report.benchmarks.map((b: { name: string; status: string }) => [b.name, b.status])).toEqual(
      [
        'mlp-train',
        'cnn-train',
        'gru-train',
        'knn-classify',
        'kmeans-train',
        'fourier-redraw',
        'dcgan-train',
      ].map((name) => [name, 'pass']),
    );
    expect(r.stderr).toMatch(/\[mlp-train\] mlp train on wasm: .*accuracy/);
    for (const b of report.benchmarks) expect(b.energyJ).toBeGreaterThan(0);
    expect(report.notices.join('\n')).toMatch(/no region given/);
    expect(report.notices.join('\n')).toMatch(/built-in demo suite/);
  }, 120_000);
});
