import * as core from '@actions/core';
import type { ActionContext } from '../github/context.js';
import { git, GitError } from '../io/git.js';

/**
 * baseline: ab compares with the PR's base commit. actions/checkout leaves a depth-1 clone, so the base
 * commit is fetched first (depth 1 is enough: the worktree needs that commit only). Outside a pull request,
 * or when the commit cannot be had, the run goes on without a baseline and says so.
 */
export async function abBaseRef(ctx: ActionContext, cwd: string): Promise<string | undefined> {
  if (!ctx.baseSha) {
    core.warning(
      'carbon-gate: baseline ab needs a pull_request event (the base commit); running without one',
    );
    return undefined;
  }
  const has = await git(['cat-file', '-e', `${ctx.baseSha}^{commit}`], { cwd }).then(
    () => true,
    () => false,
  );
  if (has) return ctx.baseSha;
  try {
    await git(['fetch', '--no-tags', '--depth=1', 'origin', ctx.baseSha], { cwd });
    return ctx.baseSha;
  } catch (e) {
    const why = e instanceof GitError ? e.message : String(e);
    core.warning(
      `carbon-gate: baseline ab: cannot fetch the base commit ${ctx.baseSha.slice(0, 12)} (${why}); running without one`,
    );
    return undefined;
  }
}
