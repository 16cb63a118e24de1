import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14, first hour 4: dist/ runs without node_modules, which is why package.json declares no runtime
 * dependencies (everything is bundled; @tensorflow/tfjs-node stays optional). The CLI, the Action's entry
 * and the TF.js runner (wasm binaries beside it) are run from a copy of what a package or a git checkout
 * ships, with no node_modules anywhere above it.
 */
const SHIPPED = ['dist', 'data', 'templates', 'demo', 'schema', 'package.json'];

describe('dist/ without node_modules', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-standalone-'));
  for (const p of SHIPPED) cpSync(path.resolve(p), path.join(dir, p), { recursive: true });
  const node = (args: string[], env: Record<string, string> = {}) =>
    execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });

  it('package.json declares no runtime dependency but the optional tfjs-node', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.dependencies).toBeUndefined();
    expect(Object.keys(pkg.optionalDependencies)).toEqual(['@tensorflow/tfjs-node']);
  });

  it('the CLI validates the demo suite and meters a command', () => {
    expect(node(['dist/cli.js', 'validate', '--config', 'demo/carbon-gate.yml'])).toBe(
      'demo/carbon-gate.yml: valid (7 benchmarks)\n',
    );
    const report = JSON.parse(node(['dist/cli.js', 'meter', '--json', '--', 'true']));
    expect(report.verdict.status).toBe('pass');
  });

  it('the TF.js runner classifies digits on wasm', () => {
    const metrics = path.join(dir, 'metrics.json');
    node(['dist/tfjs-runner.js', '{"model":"knn","task":"infer","samples":100,"backend":"wasm"}'], {
      CARBON_GATE_METRICS_FILE: metrics,
    });
    expect(JSON.parse(readFileSync(metrics, 'utf8'))).toMatchObject({ model: 'knn', backend: 'wasm' });
  });

  it('the Action’s entry loads (and fails on its missing inputs, not on a missing module)', () => {
    let out = '';
    try {
      node(['dist/index.js'], { GITHUB_WORKSPACE: dir });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout) + String((e as { stderr?: string }).stderr);
    }
    expect(out).not.toMatch(/Cannot find (module|package)|ERR_MODULE_NOT_FOUND/);
  });
});
