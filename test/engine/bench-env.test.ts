import { describe, expect, it } from 'vitest';
import { benchmarkEnv, type BenchEnvPolicy } from '../../src/engine/bench-env.js';

const ENV = {
  PATH: '/bin',
  GITHUB_SHA: 'abc',
  GITHUB_TOKEN: 'x',
  GH_TOKEN: 'x',
  'INPUT_GITHUB-TOKEN': 'x',
  STATE_x: 'x',
  ACTIONS_RUNTIME_TOKEN: 'x',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
  GITHUB_ENV: '/f',
  GITHUB_PATH: '/f',
  GITHUB_OUTPUT: '/f',
  GITHUB_STEP_SUMMARY: '/f',
  CARBON_GATE_ELECTRICITY_MAPS_TOKEN: 'x',
  CARBON_GATE_WATTTIME_USERNAME: 'x',
  CARBON_GATE_WATTTIME_PASSWORD: 'x',
  MY_EM_TOKEN: 'x',
};

describe('benchmarkEnv', () => {
  it.each<[BenchEnvPolicy, string, boolean]>([
    // carbon-gate's own credentials never reach a benchmark, whoever runs it
    ['local', 'CARBON_GATE_ELECTRICITY_MAPS_TOKEN', false],
    ['local', 'CARBON_GATE_WATTTIME_USERNAME', false],
    ['local', 'CARBON_GATE_WATTTIME_PASSWORD', false],
    ['local', 'MY_EM_TOKEN', false],
    ['action', 'CARBON_GATE_ELECTRICITY_MAPS_TOKEN', false],
    ['action', 'MY_EM_TOKEN', false],
    // a user's own variables stay theirs in the CLI, GITHUB_TOKEN of a plain run: step included
    ['local', 'GITHUB_TOKEN', true],
    ['local', 'GITHUB_ENV', true],
    ['local', 'INPUT_GITHUB-TOKEN', true],
    ['local', 'PATH', true],
    // the Action withholds its token, inputs, state and the workflow command files
    ['action', 'GITHUB_TOKEN', false],
    ['action', 'GH_TOKEN', false],
    ['action', 'INPUT_GITHUB-TOKEN', false],
    ['action', 'STATE_x', false],
    ['action', 'ACTIONS_RUNTIME_TOKEN', false],
    ['action', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', false],
    ['action', 'GITHUB_ENV', false],
    ['action', 'GITHUB_PATH', false],
    ['action', 'GITHUB_OUTPUT', false],
    ['action', 'GITHUB_STEP_SUMMARY', false],
    ['action', 'GITHUB_SHA', true],
    ['action', 'PATH', true],
  ])('%s: %s kept = %s', (policy, name, kept) => {
    const env = benchmarkEnv(ENV, policy, ['MY_EM_TOKEN', undefined]);
    expect(name in env).toBe(kept);
  });
});
