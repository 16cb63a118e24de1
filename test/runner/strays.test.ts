import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describePids, scanProc } from '../../src/runner/io/process-tree.js';
import { busyUserReason, orphanSearch, userProcesses } from '../../src/runner/io/strays.js';

/** A fake /proc: stat, status (the Uid line), cgroup and environ of each process. */
class FakeProc {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'cg-fake-strays-'));

  add(p: {
    pid: number;
    ppid: number;
    start?: number;
    state?: string;
    comm?: string;
    /** real, effective, saved, fs */
    uids?: [number, number, number, number];
    cgroup?: string;
    env?: string[];
  }) {
    const dir = path.join(this.root, String(p.pid));
    mkdirSync(dir, { recursive: true });
    const rest = [p.state ?? 'S', p.ppid, p.pid, p.pid, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 1, 0];
    writeFileSync(
      path.join(dir, 'stat'),
      `${p.pid} (${p.comm ?? 'sleep'}) ${[...rest, p.start ?? 2000].join(' ')} 0 0\n`,
    );
    const [r, e, s, f] = p.uids ?? [UID, UID, UID, UID];
    writeFileSync(path.join(dir, 'status'), `Name:\t${p.comm ?? 'sleep'}\nUid:\t${r}\t${e}\t${s}\t${f}\n`);
    writeFileSync(path.join(dir, 'cgroup'), p.cgroup ?? '0::/ours\n');
    writeFileSync(path.join(dir, 'environ'), (p.env ?? ['PATH=/bin']).map((x) => `${x}\0`).join(''));
  }

  cleanup() {
    rmSync(this.root, { recursive: true, force: true });
  }
}

const UID = process.getuid?.() ?? 0;
const OTHER_UID = UID + 4242;
const MARKER = 'CARBON_GATE_METRICS_FILE=/tmp/ours.json';

const fakes: FakeProc[] = [];
const fake = () => {
  const f = new FakeProc();
  fakes.push(f);
  return f;
};
afterEach(() => {
  for (const f of fakes.splice(0)) f.cleanup();
});

const pids = (procs: readonly { pid: number }[]) => procs.map((p) => p.pid).sort((a, b) => a - b);

describe.skipIf(process.platform === 'win32')('orphanSearch: what a double fork left, as our own uid', () => {
  it('finds only our uid’s recent orphans of init, in our cgroup, without another run’s marker', async () => {
    const f = fake();
    f.add({ pid: process.pid, ppid: 1, start: 10 }); // carbon-gate itself: its cgroup is the reference
    f.add({ pid: 100, ppid: 1 }); // found
    f.add({ pid: 101, ppid: 1, start: 1000 }); // started before the benchmark
    f.add({ pid: 102, ppid: 1, uids: [OTHER_UID, OTHER_UID, OTHER_UID, OTHER_UID] }); // another user's
    f.add({ pid: 103, ppid: 1, cgroup: '0::/user.slice/app-firefox.scope\n' }); // a desktop app
    f.add({ pid: 104, ppid: 1, env: ['CARBON_GATE_METRICS_FILE=/tmp/other.json'] }); // another run's
    f.add({ pid: 105, ppid: 1, env: [MARKER] }); // ours, marker and all: found
    f.add({ pid: 106, ppid: 50 }); // a child of someone else, not an orphan
    f.add({ pid: 107, ppid: 1, state: 'Z' }); // a zombie: nothing to end
    f.add({ pid: 108, ppid: 1, uids: [OTHER_UID, 0, UID, UID] }); // a set-uid program we started: found
    const found = await orphanSearch(f.root, MARKER)(scanProc(f.root), 1500);
    expect(pids(found)).toEqual([100, 105, 108]);
  });

  it('finds nothing when the benchmark’s start time is unknown', async () => {
    const f = fake();
    f.add({ pid: 100, ppid: 1 });
    expect(await orphanSearch(f.root, MARKER)(scanProc(f.root), undefined)).toEqual([]);
  });
});

describe.skipIf(process.platform === 'win32')('userProcesses and busyUserReason', () => {
  it('counts the processes a kill(-1) from that uid reaches (real or saved uid), never zombies', () => {
    const f = fake();
    const U = OTHER_UID;
    f.add({ pid: 200, ppid: 1, uids: [U, U, U, U], comm: 'sleep' });
    f.add({ pid: 201, ppid: 1, uids: [U, 0, 0, 0], comm: 'su' }); // real uid: reachable
    f.add({ pid: 202, ppid: 1, uids: [0, 0, U, 0] }); // saved uid: reachable
    f.add({ pid: 203, ppid: 1, uids: [0, U, 0, U] }); // effective only: kill(2) does not compare it
    f.add({ pid: 204, ppid: 1, uids: [U, U, U, U], state: 'Z' });
    f.add({ pid: 205, ppid: 1, uids: [UID, UID, UID, UID] });
    expect(pids(userProcesses(U, f.root))).toEqual([200, 201, 202]);
    expect(busyUserReason({ uid: U, gid: U }, f.root, describePids)).toBe(
      `user ${U} already has 3 processes running (pids 200 (sleep), 201 (su), 202 (sleep)): ` +
        'the benchmark user must be dedicated to the benchmarks, since every process of it is ended after each run',
    );
    expect(busyUserReason({ uid: U + 1, gid: U }, f.root, describePids)).toBeUndefined();
  });
});
