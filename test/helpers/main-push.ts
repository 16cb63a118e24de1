import { payload, runAction, type ActionRun } from '../action/action-harness.js';

type RunOptions = Parameters<typeof runAction>[0];

/**
 * The built Action as a push to `main`, the repository's default branch, at commit `sha`: the run that
 * appends a record to the history branch with baseline: history (GITHUB_SHA and GITHUB_REF set to match).
 */
export function runOnMainPush(
  opts: Omit<RunOptions, 'event' | 'eventName'> & { sha: string },
): Promise<ActionRun> {
  const { sha, env, ...rest } = opts;
  const event = payload('push');
  event.ref = 'refs/heads/main';
  event.repository.default_branch = 'main';
  return runAction({
    ...rest,
    event,
    eventName: 'push',
    env: { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main', ...env },
  });
}
