/** When the sticky comment is written (the `comment` input). */
export type CommentMode = 'always' | 'on-change' | 'on-fail' | 'never';

export interface CommentFacts {
  status: 'pass' | 'warn' | 'fail' | 'error';
  /** A sticky comment exists already. */
  exists: boolean;
  /** Some benchmark moved against its baseline beyond its confidence interval. */
  changed: boolean;
}

/**
 * Whether to write the comment. An existing comment is always updated (except `never`), so a PR that
 * recovers does not keep showing a stale failure; modes only decide whether a new one is created.
 */
export function shouldWriteComment(mode: CommentMode, f: CommentFacts): boolean {
  if (mode === 'never') return false;
  if (f.exists || mode === 'always') return true;
  if (mode === 'on-fail') return f.status === 'fail' || f.status === 'error';
  return f.status !== 'pass' || f.changed;
}

/** A change is significant when the ratio's interval excludes 1 (or, without one, the ratio is not 1). */
export function significantChange(
  comparisons: ({ ratio: number; ci95: [number, number] | null } | undefined)[],
): boolean {
  return comparisons.some((c) => c && (c.ci95 ? c.ci95[0] > 1 || c.ci95[1] < 1 : c.ratio !== 1));
}
