import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cg-cli-'));

describe('carbon-gate CLI basics', () => {
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect([r.code, r.stdout.trim()]).toEqual([0, pkg.version]);
  });

  it.each([['--help'], ['run', '--help'], ['validate', '--help'], ['meter', '--help']])(
    '%s prints usage',
    async (...args) => {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/carbon-gate/);
      expect(r.stdout).toMatch(/--/);
    },
  );

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['run', '--bogus'], /run: Unknown option '--bogus'/],
    [['meter', '--json'], /meter: expected a command after --/],
    [['run', '--region', 'XQ'], /--region: expected an ISO 3166-1 country code/],
  ])('%j → exit 2, one line, no stack', async (args, message) => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'carbon-gate.yml'),
      'version: 1\nbenchmarks:\n  - { name: a, kind: other, run: "true" }\n',
    );
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('validate: valid config → 0, invalid → 2 naming the field', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'carbon-gate.yml'),
      'version: 1\nbenchmarks:\n  - { name: a, kind: other, run: "true" }\n',
    );
    writeFileSync(
      path.join(dir, 'bad.yml'),
      'version: 1\nbenchmarks:\n  - { name: a, kind: other, run: "true", timeout: soon }\n',
    );
    const ok = await runCli(['validate'], { cwd: dir });
    expect([ok.code, ok.stdout]).toEqual([0, 'carbon-gate.yml: valid (1 benchmark)\n']);
    const bad = await runCli(['validate', '--config', 'bad.yml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yml: benchmarks\[0\]\.timeout: expected .*duration.*found "soon"/);
  });
});
