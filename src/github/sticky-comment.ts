import type { GitHubClient } from './client.js';
import { nextLink } from './link-header.js';
import { isStickyComment } from './render/marker.js';

export interface IssueRef {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface FoundComment {
  id: number;
  body: string;
  url: string;
}

interface RawComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { type?: string } | null;
}

/** Pages read at most: 100 comments a page, so a PR with 5,000 comments is still searched to the end. */
const MAX_PAGES = 50;

/**
 * Finds our comment among the PR's comments, following Link-header pagination: on a busy PR it can sit on
 * page 3. Only a bot's comment counts (workflow tokens cannot call GET /user to learn their own login),
 * so a person quoting the marker cannot make the action overwrite their comment.
 */
export async function findSticky(
  client: GitHubClient,
  ref: IssueRef,
  marker: string,
): Promise<FoundComment | null> {
  const first = `/repos/${enc(ref.owner)}/${enc(ref.repo)}/issues/${ref.issueNumber}/comments?per_page=100`;
  let url: string | null = first;
  for (let page = 1; url && page <= MAX_PAGES; page++) {
    const res: { data: unknown; headers: { link?: string } } = await client.request({ method: 'GET', url });
    const hit = (res.data as RawComment[]).find((c) => isStickyComment(c, marker));
    if (hit) return { id: hit.id, body: hit.body ?? '', url: hit.html_url };
    url = nextLink(res.headers.link);
  }
  return null;
}

export type UpsertResult =
  { action: 'created' | 'updated' | 'unchanged'; url: string } | { action: 'skipped'; reason: string };

const enc = encodeURIComponent;

/** Updates the sticky comment in place, or creates it; `body` starts with the marker. */
export async function upsertSticky(
  client: GitHubClient,
  ref: IssueRef,
  existing: FoundComment | null,
  body: string,
): Promise<UpsertResult> {
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', url: existing.url };
    const r = await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner: ref.owner,
      repo: ref.repo,
      comment_id: existing.id,
      body,
    });
    return { action: 'updated', url: r.data.html_url };
  }
  const r = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.issueNumber,
    body,
  });
  return { action: 'created', url: r.data.html_url };
}
