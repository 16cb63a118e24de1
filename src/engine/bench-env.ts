import { DEFAULT_TOKEN_ENV } from '../carbon/credentials.js';

/**
 * The environment benchmarks are given: PR code runs them, as our own user. Whoever starts carbon-gate, the
 * credentials carbon-gate itself reads (provider tokens, the env names the config points at) are not passed
 * to a benchmark. In the Action, its own token, inputs (INPUT_*), state and the workflow command files go
 * too: writing GITHUB_ENV or GITHUB_PATH would reach later steps. A user's own variables stay theirs, so a
 * plain `run:` step's GITHUB_TOKEN reaches a CLI benchmark as the workflow author set it.
 *
 * This is not isolation: a process of the same uid can read our own environment and command line through
 * /proc/<pid>/environ and /proc/<pid>/cmdline. docs/action.md's threat model says what follows from that.
 */
export type BenchEnvPolicy = 'local' | 'action';

const OWN_CREDENTIALS = Object.values(DEFAULT_TOKEN_ENV);

const ACTION_ONLY = [
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
];
const ACTION_PREFIXES = ['INPUT_', 'STATE_'];

/** A copy of `env` without what `policy` withholds, nor the extra names given (the config's credential envs). */
export function benchmarkEnv(
  env: NodeJS.ProcessEnv,
  policy: BenchEnvPolicy,
  extra: readonly (string | undefined)[] = [],
): NodeJS.ProcessEnv {
  const drop = new Set<string>([
    ...OWN_CREDENTIALS,
    ...(policy === 'action' ? ACTION_ONLY : []),
    ...extra.filter((x): x is string => !!x),
  ]);
  const prefixes = policy === 'action' ? ACTION_PREFIXES : [];
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (drop.has(k) || prefixes.some((p) => k.startsWith(p))) continue;
    out[k] = v;
  }
  return out;
}
