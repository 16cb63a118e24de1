import { stringify } from 'yaml';
import { INPUTS, OUTPUTS } from './inputs-schema.js';

const HEADER =
  '# Generated from src/action/inputs-schema.ts by scripts/gen-action.ts: edit the schema, not this file.\n';

/** action.yml: metadata, branding, and inputs/outputs from the one schema. */
export function renderActionYml(): string {
  const doc = {
    name: 'carbon-gate',
    description:
      'Meter the energy of your ML benchmarks, convert it to CO2e, comment on the PR and fail on carbon budgets.',
    author: 'carbon-gate',
    branding: { icon: 'activity', color: 'green' },
    inputs: Object.fromEntries(
      INPUTS.map((i) => [
        i.name,
        {
          description: i.description,
          required: false,
          ...(i.default !== undefined ? { default: i.default } : {}),
        },
      ]),
    ),
    outputs: Object.fromEntries(OUTPUTS.map((o) => [o.name, { description: o.description }])),
    runs: { using: 'node24', main: 'dist/index.js' },
  };
  return HEADER + stringify(doc, { lineWidth: 0 });
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The inputs and outputs tables of docs/action.md. */
export function renderActionTables(): string {
  const inputs = [
    '| input | default | values | meaning |',
    '| --- | --- | --- | --- |',
    ...INPUTS.map(
      (i) =>
        `| \`${i.name}\` | ${i.default ? `\`${i.default}\`` : ''} | ${i.choices ? i.choices.map((c) => `\`${c}\``).join(' \\| ') : i.secret ? 'secret (masked)' : ''} | ${cell(i.description)} |`,
    ),
  ];
  const outputs = [
    '| output | meaning |',
    '| --- | --- |',
    ...OUTPUTS.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`),
  ];
  return [...inputs, '', ...outputs].join('\n');
}

const START = '<!-- action-table:start -->';
const END = '<!-- action-table:end -->';

/** `text` with the tables between the markers replaced; null when the markers are missing. */
export function withActionTables(text: string): string | null {
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return null;
  return `${text.slice(0, a + START.length)}\n\n${renderActionTables()}\n\n${text.slice(b)}`;
}
