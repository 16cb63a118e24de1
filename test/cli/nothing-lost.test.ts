import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Issue 12, "Nothing is lost": an unwritable --out, two runs into one --out. A run interrupted twice:
 * nothing-lost-interrupted.test.ts.
 */

const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-lost-'));
  dirs.push(dir);
  return dir;
};
const children = new Set<number>();
afterEach(() => {
  for (const pid of children) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  children.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function config(dir: string, benchmarks: string[]): void {
  writeFileSync(
    path.join(dir, 'carbon-gate.yml'),
    ['version: 1', 'region: SE', 'benchmarks:', ...benchmarks.map((b) => `  - ${b}`)].join('\n') + '\n',
  );
}

function readReport(file: string) {
  return JSON.parse(readFileSync(file, 'utf8')) as {
    createdAt: string;
    notices: string[];
    verdict: { status: string };
    benchmarks: { name: string; status: string; reason?: string }[];
  };
}

describe('an --out that cannot be written fails before any benchmark runs', () => {
  it('run --out naming a regular file: one line naming --out, exit 2, nothing ran', async () => {
    const dir = tmp();
    config(dir, ['{ name: a, kind: other, run: "touch ran" }']);
    writeFileSync(path.join(dir, 'taken'), 'not a directory\n');
    const r = await runCli(['run', '--out', 'taken'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^carbon-gate: --out taken: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(existsSync(path.join(dir, 'ran'))).toBe(false);
    expect(readFileSync(path.join(dir, 'taken'), 'utf8')).toBe('not a directory\n');
  });

  it.runIf(existsSync('/proc/self'))('run --out /proc/self: exit 2, nothing ran', async () => {
    const dir = tmp();
    config(dir, ['{ name: a, kind: other, run: "touch ran" }']);
    const r = await runCli(['run', '--out', '/proc/self'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^carbon-gate: --out \/proc\/self: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(dir, 'ran'))).toBe(false);
  });

  it('run --out below a regular file: exit 2, nothing ran', async () => {
    const dir = tmp();
    config(dir, ['{ name: a, kind: other, run: "touch ran" }']);
    writeFileSync(path.join(dir, 'taken'), '');
    const r = await runCli(['run', '--out', 'taken/reports'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^carbon-gate: --out taken\/reports: /);
    expect(existsSync(path.join(dir, 'ran'))).toBe(false);
  });

  it('meter --out naming a regular file: exit 2, the command did not run', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'taken'), '');
    const r = await runCli(['meter', '--region', 'SE', '--out', 'taken', '--', 'touch', 'ran'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^carbon-gate: --out taken: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(dir, 'ran'))).toBe(false);
  });

  it('run: --out gone by the end: the table and the whole report are printed, one error line, exit 3', async () => {
    const dir = tmp();
    // The benchmark replaces the output directory with a file: the check before the run passed.
    config(dir, ['{ name: a, kind: other, run: "rm -rf out && echo x > out" }']);
    const r = await runCli(['run', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^a\s+other\s+1\/1/m);
    const json = r.stdout.slice(r.stdout.indexOf('\n{') + 1);
    const report = JSON.parse(json) as { benchmarks: { name: string; status: string }[] };
    expect(report.benchmarks.map((b) => [b.name, b.status])).toEqual([['a', 'pass']]);
    const errors = r.stderr.split('\n').filter((l) => l.includes('could not write'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^carbon-gate: --out out: could not write the report/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(errors[0]);
  });

  it('run --json: --out gone by the end: the report is on stdout, one error line, exit 3', async () => {
    const dir = tmp();
    config(dir, ['{ name: a, kind: other, run: "rm -rf out && echo x > out" }']);
    const r = await runCli(['run', '--json', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).benchmarks[0].status).toBe('pass');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^carbon-gate: --out out: could not write the report/,
    );
  });

  it('meter: --out gone by the end: the table and the whole report on stderr, exit 3', async () => {
    const dir = tmp();
    const r = await runCli(
      ['meter', '--region', 'SE', '--out', 'out', '--', 'sh', '-c', 'rm -rf out; : > out'],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^sh\s+other\s+1\/1/m);
    const json = r.stderr.slice(r.stderr.indexOf('\n{') + 1, r.stderr.lastIndexOf('\n}') + 2);
    expect(JSON.parse(json).benchmarks[0].status).toBe('pass');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^carbon-gate: --out out: could not write the report/,
    );
  });
});

describe('two runs into one --out', () => {
  it('the second report says it replaced the first, naming when the first was created', async () => {
    const dir = tmp();
    config(dir, ['{ name: a, kind: other, run: "true" }']);
    const first = await runCli(['run', '--out', 'out'], { cwd: dir });
    expect(first.code).toBe(0);
    const file = path.join(dir, 'out', 'carbon-report.json');
    const old = readReport(file);
    expect(old.notices.filter((n) => n.startsWith('replaced'))).toEqual([]);
    const second = await runCli(['run', '--json', '--out', 'out'], { cwd: dir });
    expect(second.code).toBe(0);
    const notice = `replaced the report of an earlier run, created at ${old.createdAt}`;
    expect(readReport(file).notices).toContain(notice);
    // What is printed is what was written.
    expect(JSON.parse(second.stdout).notices).toContain(notice);
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['carbon-report.json']);
  });

  it('concurrent runs and a reader: the reader never sees an empty or cut-off report', async () => {
    const dir = tmp();
    // Many samples make a report large enough that a non-atomic write is visibly in progress.
    config(dir, ['{ name: a, kind: other, run: "true", repeat: 30 }']);
    const file = path.join(dir, 'out', 'carbon-report.json');
    const stop = path.join(dir, 'stop');
    // A separate process reads as fast as it can until told to stop; prints how many reads were partial.
    const reader = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('node:fs'); let reads = 0, bad = 0;
         while (!fs.existsSync(${JSON.stringify(stop)})) {
           let text; try { text = fs.readFileSync(${JSON.stringify(file)}, 'utf8'); } catch { continue; }
           reads++; try { JSON.parse(text); } catch { bad++; }
         }
         console.log(JSON.stringify({ reads, bad }));`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.add(reader.pid!);
    let readerOut = '';
    reader.stdout.on('data', (c: Buffer) => (readerOut += c.toString()));
    const readerDone = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const writers = Array.from({ length: 4 }, () => runCli(['run', '--out', 'out'], { cwd: dir }));
    const results = await Promise.all(writers);
    writeFileSync(stop, '');
    await readerDone;
    children.delete(reader.pid!);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const { reads, bad } = JSON.parse(readerOut) as { reads: number; bad: number };
    expect(reads).toBeGreaterThan(0);
    expect(bad).toBe(0);
    expect(readReport(file).verdict.status).toBe('pass');
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['carbon-report.json']);
  });
});
