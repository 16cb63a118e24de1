import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Running, as opposed to gone or a zombie (a container's init may never reap orphans). */
export function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The running processes `pgrep ARGS` finds (zombies excluded), e.g. ['-u', user] or ['-f', pattern]. */
export function running(pgrepArgs: string[]): number[] {
  try {
    return execFileSync('pgrep', pgrepArgs, { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .filter(alive);
  } catch {
    return []; // pgrep exits 1 when nothing matches (or the user is gone).
  }
}

/** The processes of a user still running. */
export const userProcesses = (name: string): number[] => running(['-u', name]);

/**
 * Test cleanup: SIGKILL each pid, e.g. what a failed test left running, so that it stops spinning the CPU
 * or userdel can remove its user. A process that ended between the listing and the kill (ESRCH) is what
 * was wanted. Returns the pids, for a test that asserts there were none.
 */
export function killAll(pids: number[]): number[] {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
    }
  }
  return pids;
}
