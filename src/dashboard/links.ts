/**
 * Links from a point to its commit and its workflow run. Built only from validated parts: the repository
 * slug checked here, the record's sha (40 hex digits, record.ts) and run id (digits only here); anything
 * else gives no link rather than a URL assembled from untrusted text.
 */
export const REPO_SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** https://github.com, or a GitHub Enterprise server's https origin (no path, query or credentials). */
export const SERVER_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/;

export interface LinkBase {
  server: string;
  repo: string;
}

export function commitUrl(base: LinkBase | undefined, sha: string): string | undefined {
  if (!base || !/^[0-9a-f]{40}$/.test(sha)) return undefined;
  return `${base.server}/${base.repo}/commit/${sha}`;
}

export function runUrl(base: LinkBase | undefined, runId: string): string | undefined {
  if (!base || !/^\d{1,20}$/.test(runId)) return undefined;
  return `${base.server}/${base.repo}/actions/runs/${runId}`;
}

/** The link base when both parts are valid; undefined otherwise (points are then drawn without links). */
export function linkBase(repo: string | undefined, server = 'https://github.com'): LinkBase | undefined {
  return repo && REPO_SLUG.test(repo) && SERVER_URL.test(server) ? { server, repo } : undefined;
}
