import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { teamLimitG } from '../../src/action/team-budget.js';
import { parseConfigText } from '../../src/config/validate.js';

/** Issue 14, first hour 12: the team budget in the config works as docs/action.md says. */
const config = (budget: string) => {
  const r = parseConfigText(
    `version: 1\n${budget}benchmarks: [{ name: t, kind: other, run: 'true' }]\n`,
    'carbon-gate.yml',
  );
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
};

describe('the team budget: config or input', () => {
  // The snippet docs/action.md gives, as written there.
  const snippet = /`(budget: \{ team: \{ period: month, co2e: 500 g \} \})`/.exec(
    readFileSync('docs/action.md', 'utf8'),
  )?.[1];

  it.each([
    ['the config alone', 500, undefined, 500],
    ['the input over the config', 500, 300, 300],
    ['neither', undefined, undefined, undefined],
  ])('%s', (_, configG, inputG, expected) => {
    expect(snippet).toBeDefined();
    const c = config(configG === undefined ? '' : `${snippet!.replace('500 g', `${configG} g`)}\n`);
    expect(teamLimitG(c, inputG)).toBe(expected);
  });
});
