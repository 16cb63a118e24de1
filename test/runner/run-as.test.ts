import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeMetricsDirs } from '../../src/runner/io/metrics-channel.js';
import { spawnCommand, type SpawnUser } from '../../src/runner/io/spawn-command.js';
import type { BenchmarkSpec } from '../../src/runner/types.js';
import { collector } from '../helpers/collect.js';
import { alive, killAll, userProcesses } from '../helpers/processes.js';

// The metrics folders spawnCommand makes: a test worker may end without the 'exit' that removes them.
afterAll(removeMetricsDirs);

const uid = process.getuid?.() ?? -1;
const root = uid === 0 && process.platform === 'linux';
const title = root
  ? 'spawnCommand runAs: the benchmark runs as a throwaway user'
  : `spawnCommand runAs: skipped, creating a throwaway user and switching to it needs root (uid here: ${uid})`;

const USER = `cgrunas${process.pid}`;
let user: SpawnUser;
let dir: string;

const spec = (run: string): BenchmarkSpec => ({
  name: 'as',
  kind: 'other',
  run,
  cwd: dir,
  env: {},
  repeat: 1,
  warmup: 0,
  timeoutS: 60,
});

describe.skipIf(!root)(title, () => {
  beforeAll(() => {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/bin/sh', USER]);
    const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
    user = { uid: id('-u'), gid: id('-g') };
    dir = mkdtempSync(path.join(os.tmpdir(), 'cg-runas-'));
    chmodSync(dir, 0o777);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    // Anything of the throwaway user still running (a failed test), so userdel can remove it.
    killAll(userProcesses(USER));
    execFileSync('userdel', [USER]);
  });

  it('runs with that uid and gid only (no supplementary groups) and can still write its metrics file', async () => {
    const out = collector();
    const r = await spawnCommand(
      spec('id -u; id -g; id -G; echo "{\\"uid\\": $(id -u)}" > "$CARBON_GATE_METRICS_FILE"'),
      { output: out, runAs: user },
    );
    expect(r.ok, r.reason).toBe(true);
    expect(out.text()).toBe(`${user.uid}\n${user.gid}\n${user.gid}\n`);
    expect(r.reported).toEqual({ metrics: { uid: user.uid }, problems: [] });
  });

  it("cannot list the folder of the runs' metrics files", async () => {
    const out = collector();
    const r = await spawnCommand(spec('ls "$(dirname "$CARBON_GATE_METRICS_FILE")" 2>&1 || echo refused'), {
      output: out,
      runAs: user,
    });
    expect(r.ok).toBe(true);
    expect(out.text()).toMatch(/refused\n$/);
  });

  it("what it leaves running is ended like anyone's", async () => {
    const r = await spawnCommand(
      spec(`setsid sh -c 'echo $$ > daemon-as.pid; while :; do :; done' >/dev/null 2>&1 & sleep 2`),
      { output: collector(), runAs: user },
    );
    expect(r.ok).toBe(true);
    const pid = Number(readFileSync(path.join(dir, 'daemon-as.pid'), 'utf8'));
    expect(alive(pid)).toBe(false);
    expect(r.notes).toEqual([`ended 1 process left running after the benchmark exited: pid ${pid} (sh)`]);
  });

  it('a double fork that clears its environment is ended with every other process of the user', async () => {
    // Re-parented at once and without the environment marker: the tree walk cannot see it (issue 1).
    const r = await spawnCommand(
      spec(`(setsid env -i sh -c 'echo $$ > double-fork.pid; exec sleep 300' &); sleep 1`),
      { output: collector(), runAs: user },
    );
    expect(r.ok).toBe(true);
    const pid = Number(readFileSync(path.join(dir, 'double-fork.pid'), 'utf8'));
    expect(alive(pid), `pid ${pid} still running; notes: ${JSON.stringify(r.notes)}`).toBe(false);
    expect(r.notes).toEqual([
      `ended 1 process of the benchmark user (uid ${user.uid}) still running after the benchmark exited: pid ${pid} (sleep)`,
    ]);
    expect(userProcesses(USER)).toEqual([]);
  });

  it('its metrics file is made for it (its own, mode 0600) in a folder it can neither write nor list', async () => {
    // Before: the user owned a folder of its own, which root deleted recursively after the run (issue 2).
    const out = collector();
    const r = await spawnCommand(
      spec(
        [
          'f="$CARBON_GATE_METRICS_FILE"',
          'stat -c "%u %a %s" "$f"',
          'mkdir "$(dirname "$f")/planted" 2>/dev/null && echo planted || echo no-folder',
          'rm -f "$f" 2>/dev/null; test -e "$f" && echo kept || echo removed',
          'echo "{\\"n\\": 2}" > "$f"',
        ].join('; '),
      ),
      { output: out, runAs: user },
    );
    expect(r.ok, r.reason).toBe(true);
    expect(out.text()).toBe(`${user.uid} 600 0\nno-folder\nkept\n`);
    expect(r.reported).toEqual({ metrics: { n: 2 }, problems: [] });
  });

  // Inside, so that the throwaway user above still exists: the two get different uids.
  describe('a user that is not dedicated to the benchmarks', () => {
    const OTHER = `cgbusy${process.pid}`;
    let other: SpawnUser;
    let busy: ChildProcess | undefined;
    beforeAll(() => {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/bin/sh', OTHER]);
      const id = (flag: string) => Number(execFileSync('id', [flag, OTHER], { encoding: 'utf8' }).trim());
      other = { uid: id('-u'), gid: id('-g') };
    });
    afterAll(() => {
      busy?.kill('SIGKILL');
      killAll(userProcesses(OTHER));
      execFileSync('userdel', [OTHER]);
    });

    it('is refused before anything runs, and its own processes are left alone', async () => {
      busy = spawn('sleep', ['30'], { uid: other.uid, gid: other.gid, stdio: 'ignore' });
      await new Promise((res) => busy!.once('spawn', res));
      const out = collector();
      const r = await spawnCommand({ ...spec('echo ran'), cwd: os.tmpdir() }, { output: out, runAs: other });
      expect(r.ok).toBe(false);
      expect(r.reason).toMatch(
        new RegExp(
          `^could not start: user ${other.uid} already has 1 process running \\(pid ${busy.pid} \\(sleep\\)\\): .*dedicated`,
        ),
      );
      expect(out.text()).toBe('');
      expect(userProcesses(OTHER)).toEqual([busy.pid]);
    });
  });
});

describe('spawnCommand without runAs', () => {
  it('runs as carbon-gate itself', async () => {
    const out = collector();
    const r = await spawnCommand({ ...spec('id -u'), cwd: os.tmpdir() }, { output: out });
    expect(r.ok).toBe(true);
    expect(out.text()).toBe(`${uid}\n`);
  });
});
