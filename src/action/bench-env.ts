/**
 * The environment benchmarks run in. PR code runs the benchmarks: it must not see the token the action
 * comments with, the runner's job tokens, provider credentials, or the workflow command files (writing
 * GITHUB_ENV or GITHUB_PATH would reach later steps).
 */
const STRIPPED = new Set([
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
  'CARBON_GATE_ELECTRICITY_MAPS_TOKEN',
  'CARBON_GATE_WATTTIME_USERNAME',
  'CARBON_GATE_WATTTIME_PASSWORD',
]);

/** A copy of `env` without tokens, inputs (INPUT_*), command files, and the extra names given (config's credential envs). */
export function benchmarkEnv(
  env: NodeJS.ProcessEnv,
  extra: readonly (string | undefined)[] = [],
): NodeJS.ProcessEnv {
  const drop = new Set([...STRIPPED, ...extra.filter((x): x is string => !!x)]);
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (drop.has(k) || k.startsWith('INPUT_') || k.startsWith('STATE_')) continue;
    out[k] = v;
  }
  return out;
}
