import type { GitHubClient } from './client.js';
import { shouldWriteComment, type CommentFacts, type CommentMode } from './comment-policy.js';
import { findSticky, upsertSticky, type IssueRef, type UpsertResult } from './sticky-comment.js';

/**
 * The whole comment step. It never throws: the comment is optional, so a read-only token (403 on a fork PR),
 * a missing PR (404) or an API that stays down after retries becomes a warning and `skipped`.
 */
export async function postComment(
  client: GitHubClient,
  ref: IssueRef,
  opts: { mode: CommentMode; marker: string; body: string; facts: Omit<CommentFacts, 'exists'> },
): Promise<UpsertResult> {
  try {
    const existing = await findSticky(client, ref, opts.marker);
    if (!shouldWriteComment(opts.mode, { ...opts.facts, exists: existing !== null })) {
      return { action: 'skipped', reason: `comment: ${opts.mode}, nothing to report` };
    }
    return await upsertSticky(client, ref, existing, `${opts.marker}\n${opts.body}`);
  } catch (e) {
    return { action: 'skipped', reason: describe(e) };
  }
}

function describe(e: unknown): string {
  const status = (e as { status?: number }).status;
  const message = e instanceof Error ? e.message.split('\n')[0]!.slice(0, 200) : String(e);
  if (status === 403 || status === 404) {
    return `the token cannot comment on this pull request (HTTP ${status}: ${message}); on fork PRs use the workflow_run pair (docs/action.md)`;
  }
  return `commenting failed: ${status ? `HTTP ${status}: ` : ''}${message}`;
}
