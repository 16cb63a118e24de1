import { describe, expect, it } from 'vitest';
import { failsStep } from '../../src/action/fail-policy.js';
import { parseInputs, secretValues } from '../../src/action/inputs.js';
import { plainDecimal } from '../../src/text/format-number.js';
import { benchmarkLines } from '../../src/action/config-lines.js';
import { readInput } from '../../src/action/read-input.js';

const reader = (m: Record<string, string>) => (n: string) => m[n] ?? '';

describe('parseInputs', () => {
  it('fills defaults from the schema; the token default is the runner’s expression, so empty stays empty', () => {
    expect(parseInputs(reader({}))).toMatchObject({
      config: 'carbon-gate.yml',
      githubToken: '',
      comment: 'always',
      failOn: 'fail',
      baseline: 'none',
      historyBranch: 'carbon-gate-data',
      historyRetentionDays: 400,
      workingDirectory: '.',
      reportDir: '.carbon-gate',
    });
  });
  it.each([
    ['comment', 'sometimes'],
    ['fail-on', 'error'],
    ['baseline', 'last'],
    ['history-retention-days', '30'],
    ['history-retention-days', '1e3'],
    ['team-budget-co2e', '2'],
    ['team-budget-co2e', '0 kg'],
    ['history-branch', '--upload-pack=x'],
    ['history-branch', 'a..b'],
  ])('%s=%s is refused', (name, value) =>
    expect(() => parseInputs(reader({ [name]: value }))).toThrow(new RegExp(`input ${name}`)),
  );
  it('reads the history and team-budget inputs', () =>
    expect(
      parseInputs(
        reader({ 'history-retention-days': '45', 'team-budget-co2e': '2 kg', 'history-branch': 'data/co2' }),
      ),
    ).toMatchObject({ historyRetentionDays: 45, teamBudgetCo2eG: 2000, historyBranch: 'data/co2' }));
  it('lists secrets to mask', () =>
    expect(secretValues(reader({ 'github-token': 't', 'watttime-password': ' p ', region: 'FR' }))).toEqual([
      't',
      'p',
    ]));
  it('reads hyphenated and underscored INPUT_ names', () => {
    expect(readInput({ 'INPUT_GITHUB-TOKEN': 'a' })('github-token')).toBe('a');
    expect(readInput({ INPUT_GITHUB_TOKEN: 'b' })('github-token')).toBe('b');
  });
});

describe('failsStep', () => {
  it.each([
    ['pass', 'fail', false],
    ['warn', 'fail', false],
    ['warn', 'warn', true],
    ['fail', 'fail', true],
    ['fail', 'never', false],
    ['error', 'fail', true],
    ['error', 'never', false],
  ] as const)('%s with fail-on %s → %s', (status, failOn, expected) =>
    expect(failsStep(status, failOn)).toBe(expected),
  );
});

describe('plainDecimal', () => {
  it.each([
    [0, '0'],
    [1.234e-8, '0.00000001234'],
    [0.5, '0.5'],
    [12.3456789, '12.3457'],
    [1234567.89, '1234568'],
    [Number.NaN, '0'],
  ])('%s → %s', (n, expected) => expect(plainDecimal(n)).toBe(expected));
});

describe('benchmarkLines', () => {
  it('finds the line of each benchmark name, flow or block style', () => {
    const text = [
      'version: 1',
      'benchmarks:',
      '  - { name: a, kind: other, run: "true" }',
      '  - kind: other',
      '    name: "b"',
      '    run: x',
    ].join('\n');
    expect([...benchmarkLines(text)]).toEqual([
      ['a', 3],
      ['b', 5],
    ]);
  });
  it('is empty for text that is not a config', () => expect(benchmarkLines('- 1\n- 2').size).toBe(0));
});
