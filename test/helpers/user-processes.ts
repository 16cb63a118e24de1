import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Whether a process runs: it exists and is not a zombie waiting for its parent. */
export function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The processes of a user still running (zombies excluded). */
export function userProcesses(name: string): number[] {
  try {
    return execFileSync('pgrep', ['-u', name], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .filter(alive);
  } catch {
    return []; // pgrep exits 1 when nothing matches (or the user is gone).
  }
}

/**
 * Cleanup after tests that ran as a throwaway user: SIGKILL whatever of `name` still runs, so that userdel
 * can remove the user. A process that ends between the listing and the kill (ESRCH) is what was wanted.
 */
export function killUserProcesses(name: string): void {
  for (const pid of userProcesses(name)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
    }
  }
}
