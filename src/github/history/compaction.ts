/**
 * When the data branch's history is rewritten as one new root commit holding only the retained records.
 *
 * Retention deletes old record files from the tip's tree, but every blob ever pushed stays reachable from
 * the history, so a `git clone` of the branch grows with all runs ever recorded. Compaction bounds it: once
 * the commits since the last root pass max(minCommits, perRetained × retained records), the tip's tree
 * (minus expired records) becomes a parentless commit pushed with a lease. A clone then downloads at most
 * the retained records plus the appends since the last compaction: linear in what is retained.
 *
 * The count rides in each commit the tool writes, as a trailer of its message, so a depth-1 fetch (all
 * the Action takes) is enough to know it. The branch is untrusted: a wrong count only makes compaction
 * early or late, never loses a record (compaction keeps the tip's tree).
 */
export interface CompactionPolicy {
  /** Never compact a history of this many commits or fewer. */
  minCommits: number;
  /** Compact when the commits exceed this many times the records kept. */
  perRetained: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { minCommits: 500, perRetained: 1 };

/** Trailer of the tool's commit messages: commits on the branch's first-parent line, this one included. */
export const COMMITS_TRAILER = 'Carbon-Gate-Commits';

const TRAILER_LINE = new RegExp(`^${COMMITS_TRAILER}: (\\d{1,9})$`, 'm');

/** The commit count a message carries; null when it has none (a commit by hand, or an older version). */
export function commitsOf(message: string): number | null {
  const m = TRAILER_LINE.exec(message);
  return m ? Number(m[1]) : null;
}

/** `subject`, a blank line, and the trailer: `git log --format=%s` still shows the subject alone. */
export function withCommits(subject: string, commits: number): string {
  return `${subject}\n\n${COMMITS_TRAILER}: ${commits}\n`;
}

/** The commit count above which a history holding `retained` records is compacted. */
export function compactionThreshold(retained: number, policy: CompactionPolicy = DEFAULT_COMPACTION): number {
  return Math.max(policy.minCommits, Math.ceil(policy.perRetained * retained));
}

export function compactionDue(
  commits: number,
  retained: number,
  policy: CompactionPolicy = DEFAULT_COMPACTION,
): boolean {
  return commits > compactionThreshold(retained, policy);
}

/** The message of a compacted root: what it replaced, for whoever reads the branch's log. */
export function compactionMessage(kept: number, dropped: number, commitsBefore: number | null): string {
  const before = commitsBefore === null ? 'a history' : `${commitsBefore} commits`;
  const subject = `carbon-gate: compact ${before} to ${kept} records${dropped ? `, prune ${dropped}` : ''}`;
  return withCommits(subject, 1);
}
