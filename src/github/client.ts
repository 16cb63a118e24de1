import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

// @octokit/core with the two plugins, not @actions/github: the same retries for a fraction of the bundle.
const RetryingOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof RetryingOctokit>;

/** Retries: 5xx up to 3 times (1 s, 4 s, 9 s); rate limits and secondary limits twice, after retry-after. */
export function createClient(token: string, baseUrl: string, warn: (message: string) => void): GitHubClient {
  return new RetryingOctokit({
    auth: token,
    baseUrl,
    userAgent: 'carbon-gate',
    log: { debug: () => {}, info: () => {}, warn, error: warn },
    throttle: {
      onRateLimit: (after: number, _o: unknown, _c: unknown, count: number) => {
        warn(`GitHub rate limit hit; retrying after ${after} s`);
        return count < 2;
      },
      onSecondaryRateLimit: (after: number, _o: unknown, _c: unknown, count: number) => {
        warn(`GitHub secondary rate limit hit; retrying after ${after} s`);
        return count < 2;
      },
    },
  });
}
