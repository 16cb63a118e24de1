/**
 * Record file names: `runs/<UTC time>-<sha7>-<random>.json`. The time first so names sort by time (and
 * retention can read the age without opening the file); the random part so two jobs of one commit in the
 * same millisecond still write different files, which is what makes concurrent appends conflict-free.
 * Colons are replaced: a checkout of the branch on Windows must still work.
 */
export const RUNS_DIR = 'runs';

export function recordPath(now: Date, sha: string, random: string): string {
  const time = now.toISOString().replace(/:/g, '-');
  return `${RUNS_DIR}/${time}-${sha.slice(0, 7)}-${random.replace(/[^a-z0-9]/gi, '').slice(0, 12)}.json`;
}

const NAME = /^runs\/(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2}(?:\.\d+)?)Z-[0-9a-f]{1,40}-[a-z0-9]+\.json$/i;

/** The time a record name carries; null for names this tool did not write. */
export function recordTime(path: string): Date | null {
  const m = NAME.exec(path);
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const isRecordPath = (path: string) => recordTime(path) !== null;

/** True when `createdAt` is the time `path` carries, to the millisecond: as the tool names every record. */
export function namedAt(path: string, createdAt: string): boolean {
  const t = recordTime(path);
  return t !== null && t.getTime() === Date.parse(createdAt);
}

/** A path for a one-line notice: a record name as it is, anything else JSON-quoted (line breaks escaped). */
export const shownName = (path: string) => (isRecordPath(path) ? path : JSON.stringify(path));
