import { createHash } from 'node:crypto';

/**
 * The hidden marker that makes a comment sticky: one per config + workflow + job. Hashed, so no user text
 * (a workflow name with `-->` in it) can end the HTML comment early.
 */
export function stickyMarker(key: { config: string; workflow: string; job: string }): string {
  const id = createHash('sha256')
    .update(JSON.stringify([key.config, key.workflow, key.job]))
    .digest('hex')
    .slice(0, 16);
  return `<!-- carbon-gate:sticky:${id} -->`;
}

/** A comment is ours when a bot wrote it and it carries the marker on its first line. */
export function isStickyComment(
  comment: { body?: string | null; user?: { type?: string } | null },
  marker: string,
): boolean {
  return comment.user?.type === 'Bot' && (comment.body ?? '').split('\n', 1)[0]!.trim() === marker;
}
