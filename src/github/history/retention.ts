import { recordTime } from './record-path.js';

const DAY_MS = 86_400_000;

/**
 * Record files older than `days`, to delete in the commit that appends the next run. Only names this tool
 * wrote are considered: anything else on the branch was put there by someone and is kept.
 */
export function expiredPaths(paths: readonly string[], now: Date, days: number): string[] {
  const cutoff = now.getTime() - days * DAY_MS;
  return paths.filter((p) => {
    const t = recordTime(p);
    return t !== null && t.getTime() < cutoff;
  });
}
