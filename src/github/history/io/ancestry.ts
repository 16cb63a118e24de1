import { git, GitError } from '../../../io/git.js';

export interface AncestryOptions {
  /** At most this many commits, the start included. */
  cap?: number;
  /** Commits fetched per step when the checkout is shallow. */
  step?: number;
  log?: (m: string) => void;
}

/**
 * `git rev-list --first-parent` from `sha` in the workspace, until `stop(shas)` is satisfied or `cap`
 * commits. actions/checkout clones one commit deep (and a PR's base is often not in the clone at all), so
 * the commit is fetched when missing and the history deepened while the walk ends at a shallow boundary.
 * Fetching only adds objects to the workspace's repository; nothing checked out changes.
 */
export async function firstParents(
  workspace: string,
  sha: string,
  stop: (shas: string[]) => boolean,
  opts: AncestryOptions = {},
): Promise<string[]> {
  const cap = opts.cap ?? 200;
  const step = opts.step ?? 50;
  const run = (args: string[]) => git(args, { cwd: workspace });
  const fetch = (how: string) =>
    run(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', how, 'origin', sha]).then(
      () => true,
      (e: unknown) => {
        opts.log?.(`history: could not fetch ${sha.slice(0, 7)} (${e instanceof Error ? e.message : e})`);
        return false;
      },
    );
  if (!(await has(run, sha)) && !(await fetch(`--depth=${step}`))) return [];
  let shas: string[] = [];
  for (;;) {
    const out = await run(['rev-list', '--first-parent', `--max-count=${cap}`, sha]);
    const next = out.split('\n').filter(Boolean);
    const grew = next.length > shas.length;
    shas = next;
    if (!grew || stop(shas) || shas.length >= cap || !(await isShallow(run))) return shas;
    if (!(await fetch(`--deepen=${step}`))) return shas;
  }
}

async function has(run: (a: string[]) => Promise<string>, sha: string): Promise<boolean> {
  return run(['cat-file', '-e', `${sha}^{commit}`]).then(
    () => true,
    (e: unknown) => {
      if (e instanceof GitError) return false;
      throw e;
    },
  );
}

async function isShallow(run: (a: string[]) => Promise<string>): Promise<boolean> {
  return (await run(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}
