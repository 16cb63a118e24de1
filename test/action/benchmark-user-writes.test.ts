import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { payload, runAction } from './action-harness.js';

/**
 * Security review, item 1: the Action runs as root with benchmark-user, and the workspace is writable by
 * that user. What the benchmark plants in the report directory (a symlink at carbon-gate-context.json, the
 * directory itself a symlink or its own) must not turn our writes into root writes elsewhere.
 */
const root = process.getuid?.() === 0 && process.platform === 'linux';
const USER = `cgwrite${process.pid}`;
const VICTIM_TEXT = 'root only\n';

describe.runIf(root)(
  'the built action with benchmark-user: no root write through what the benchmark planted',
  () => {
    let gh: FakeGitHub;
    let uid: number;
    let gid: number;
    let base: string;
    beforeAll(async () => {
      execFileSync('useradd', ['--no-create-home', '--home-dir', '/nonexistent', '--shell', '/bin/sh', USER]);
      uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
      gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
      gh = await startFakeGitHub();
    });
    afterAll(() => {
      gh?.close();
      execFileSync('userdel', [USER]);
    });
    beforeEach(() => {
      base = mkdtempSync(path.join(os.tmpdir(), 'cg-user-writes-'));
      chmodSync(base, 0o755);
      return () => rmSync(base, { recursive: true, force: true });
    });

    /** A workspace owned by the benchmark user, with one benchmark that runs `script` in it. */
    function workspace(script: string): string {
      const ws = path.join(base, 'ws');
      mkdirSync(ws);
      writeFileSync(
        path.join(ws, 'carbon-gate.yml'),
        `version: 1\nregion: SE\nmeter: { interval: 50ms }\nbenchmarks:\n  - { name: plant, kind: other, run: ${JSON.stringify(script)} }\n`,
      );
      chownSync(ws, uid, gid);
      return ws;
    }

    /** A root-owned 0600 file outside the workspace. */
    function victim(dir = base): string {
      const file = path.join(dir, 'victim');
      writeFileSync(file, VICTIM_TEXT, { mode: 0o600 });
      return file;
    }

    const run = (ws: string) =>
      runAction({
        workspace: ws,
        event: payload('pull_request', (e) => e.action === 'opened'),
        eventName: 'pull_request',
        apiUrl: gh.url,
        inputs: { 'github-token': 'ghs_x', 'benchmark-user': USER, comment: 'never' },
      });

    function expectRefused(r: Awaited<ReturnType<typeof run>>) {
      expect(r.code, r.stdout).toBe(1);
      const error = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
      expect(error).toHaveLength(1);
      expect(error[0]).toMatch(/report-dir .*\.carbon-gate.*(symbolic link|not owned by)/);
      // Nothing measured is lost: the report is in the log.
      expect(r.stdout).toMatch(/"name": "plant"/);
    }

    it('a symlink planted at .carbon-gate/carbon-gate-context.json: the root-owned file it names is unchanged', async () => {
      const target = victim();
      const ws = workspace(`mkdir -p .carbon-gate && ln -sf ${target} .carbon-gate/carbon-gate-context.json`);
      const r = await run(ws);
      expect(readFileSync(target, 'utf8')).toBe(VICTIM_TEXT);
      expect(statSync(target).uid).toBe(0);
      expectRefused(r);
    });

    it('.carbon-gate made a symlink to a root-owned directory: nothing is written there', async () => {
      const dir = path.join(base, 'rootdir');
      mkdirSync(dir, { mode: 0o700 });
      const target = victim(dir);
      const report = path.join(dir, 'carbon-report.json');
      writeFileSync(report, VICTIM_TEXT, { mode: 0o600 });
      const ws = workspace(`ln -sfn ${dir} .carbon-gate`);
      const r = await run(ws);
      expect(readFileSync(target, 'utf8')).toBe(VICTIM_TEXT);
      expect(readFileSync(report, 'utf8')).toBe(VICTIM_TEXT);
      expect(existsSync(path.join(dir, 'carbon-gate-context.json'))).toBe(false);
      expect(lstatSync(path.join(ws, '.carbon-gate')).isSymbolicLink()).toBe(true);
      expectRefused(r);
    });

    it('a benchmark that leaves the report directory alone: the report and context are written as usual', async () => {
      const ws = workspace('echo fine > out.txt');
      const r = await run(ws);
      expect(r.code, r.stdout).toBe(0);
      const dir = path.join(ws, '.carbon-gate');
      expect(r.outputs['report-path']).toBe(path.join(dir, 'carbon-report.json'));
      expect(JSON.parse(readFileSync(path.join(dir, 'carbon-gate-context.json'), 'utf8'))).toHaveProperty(
        'headSha',
      );
      expect(lstatSync(dir).uid).toBe(0);
    });
  },
);
