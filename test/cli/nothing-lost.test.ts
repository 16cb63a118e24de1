import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { fakeProvider, hang } from '../helpers/fake-provider.js';

/** Issue 12, "Nothing is lost": an unwritable --out, two runs into one --out, a run interrupted twice. */

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

const INTERRUPTED = 'interrupted: remaining benchmarks were not run';
const UK_ANSWER = { data: [{ from: '2025-01-01T12:00Z', intensity: { forecast: 150, actual: 140 } }] };

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

/** The built CLI in its own process group (as `timeout` runs it), so the test can signal the group. */
function startCli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.CARBON_GATE_REGION;
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: childEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  children.add(pid);
  let stdout = '';
  let stderr = '';
  let exited = false;
  const waiters: { text: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const w of waiters.splice(0)) {
      if (stderr.includes(w.text)) w.resolve();
      else if (exited) w.reject(new Error(`the CLI exited before printing "${w.text}"; stderr:\n${stderr}`));
      else waiters.push(w);
    }
  };
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    check();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      children.delete(pid);
      exited = true;
      check();
      resolve({ code, signal });
    }),
  );
  return {
    pid,
    done,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    /** Resolves once stderr contains `text`; rejects if the CLI exits without printing it. */
    stderrIncludes: (text: string) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ text, resolve, reject });
        check();
      }),
    /** Signals the CLI's whole process group, like `timeout` and a terminal's Ctrl-C. */
    signalGroup(signal: NodeJS.Signals) {
      try {
        process.kill(-pid, signal);
      } catch {
        // ESRCH: it already exited.
      }
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

describe('interrupted', () => {
  // `timeout` signals the command and then its process group: the CLI gets SIGINT twice. However close
  // together the two arrive, the report is written with the interrupted notice and the exit code is 3
  // (the killed benchmark and the ones not run are errors).
  it.each([0, 2, 5, 10])('SIGINT twice, %i ms apart: the report is still written, exit 3', async (gapMs) => {
    const dir = tmp();
    config(dir, [
      '{ name: long, kind: other, run: "echo started; sleep 60" }',
      '{ name: after, kind: other, run: "touch ran" }',
    ]);
    const cli = startCli(['run', '--out', 'out'], dir);
    await cli.stderrIncludes('[long] started');
    cli.signalGroup('SIGINT');
    if (gapMs > 0) await sleep(gapMs);
    cli.signalGroup('SIGINT');
    const exit = await cli.done;
    expect(exit).toEqual({ code: 3, signal: null });
    const report = readReport(path.join(dir, 'out', 'carbon-report.json'));
    expect(report.notices).toContain(INTERRUPTED);
    expect(report.benchmarks.map((b) => [b.name, b.status])).toEqual([
      ['long', 'error'],
      ['after', 'error'],
    ]);
    expect(report.benchmarks[1]?.reason).toBe('not run: interrupted');
    expect(existsSync(path.join(dir, 'ran'))).toBe(false);
    expect(cli.stdout).toContain('Report: out/carbon-report.json');
  });

  it('SIGTERM then SIGINT: the report is still written, exit 3', async () => {
    const dir = tmp();
    config(dir, ['{ name: long, kind: other, run: "echo started; sleep 60" }']);
    const cli = startCli(['run', '--out', 'out'], dir);
    await cli.stderrIncludes('[long] started');
    cli.signalGroup('SIGTERM');
    cli.signalGroup('SIGINT');
    expect(await cli.done).toEqual({ code: 3, signal: null });
    expect(readReport(path.join(dir, 'out', 'carbon-report.json')).notices).toContain(INTERRUPTED);
  });

  it('a signal before the first benchmark: none runs, the report says so', async () => {
    // The live fetch is held until the CLI has taken the signal: the run is stuck before any benchmark.
    const held: ServerResponse[] = [];
    const provider = await fakeProvider({ '/intensity': (_req, res) => held.push(res) });
    try {
      const dir = tmp();
      config(dir, ['{ name: a, kind: other, run: "touch ran" }']);
      const cli = startCli(['run', '--out', 'out', '--region', 'GB', '--intensity-source', 'uk'], dir, {
        CARBON_GATE_UK_CARBON_INTENSITY_URL: provider.url,
      });
      while (held.length === 0) await sleep(20);
      cli.signalGroup('SIGINT');
      await cli.stderrIncludes('carbon-gate: interrupted (SIGINT)');
      for (const res of held)
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(UK_ANSWER));
      expect(await cli.done).toEqual({ code: 3, signal: null });
      const report = readReport(path.join(dir, 'out', 'carbon-report.json'));
      expect(report.notices).toContain(INTERRUPTED);
      expect(report.benchmarks[0]?.reason).toBe('not run: interrupted');
      expect(existsSync(path.join(dir, 'ran'))).toBe(false);
    } finally {
      await provider.close();
    }
  });

  it('a third signal exits at once without the report: 130 for SIGINT', async () => {
    const provider = await fakeProvider({ '/intensity': hang });
    try {
      const dir = tmp();
      config(dir, ['{ name: a, kind: other, run: "touch ran" }']);
      const cli = startCli(['run', '--out', 'out', '--region', 'GB', '--intensity-source', 'uk'], dir, {
        CARBON_GATE_UK_CARBON_INTENSITY_URL: provider.url,
      });
      while (provider.requests.length === 0) await sleep(20);
      // Each signal waits for the CLI to acknowledge the one before: the kernel merges a pending duplicate.
      cli.signalGroup('SIGINT');
      await cli.stderrIncludes('carbon-gate: interrupted (SIGINT)');
      cli.signalGroup('SIGINT');
      await cli.stderrIncludes('carbon-gate: SIGINT again');
      cli.signalGroup('SIGINT');
      expect(await cli.done).toEqual({ code: 130, signal: null });
      expect(cli.stderr).toContain('carbon-gate: SIGINT, the third signal: exiting without the report');
      expect(existsSync(path.join(dir, 'out', 'carbon-report.json'))).toBe(false);
      expect(existsSync(path.join(dir, 'ran'))).toBe(false);
    } finally {
      await provider.close();
    }
  });
});
