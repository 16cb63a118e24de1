import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { fakeProvider, hang } from '../helpers/fake-provider.js';

/**
 * Issue 12, "Nothing is lost": a run interrupted twice (or more) still writes its report. An unwritable
 * --out and two runs into one --out: nothing-lost.test.ts.
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
