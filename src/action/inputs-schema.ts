import { DEFAULT_DATA_BRANCH } from '../github/history/branch-name.js';

/**
 * The action's inputs and outputs: the one source for action.yml's `inputs`/`outputs` and the tables in
 * docs/action.md (scripts/gen-action.ts writes both; `--check` fails CI when they drift).
 */
export interface InputSpec {
  name: string;
  description: string;
  /** action.yml default; absent: empty. */
  default?: string;
  /** Allowed values; the parser refuses anything else. */
  choices?: readonly string[];
  /** Masked with core.setSecret and never passed to benchmarks. */
  secret?: boolean;
}

export const INPUTS: readonly InputSpec[] = [
  {
    name: 'config',
    description: 'Path of the carbon-gate config, relative to working-directory.',
    default: 'carbon-gate.yml',
  },
  {
    name: 'github-token',
    description:
      'Token used to comment on the pull request (needs pull-requests: write). Never reaches benchmarks.',
    default: '${{ github.token }}',
    secret: true,
  },
  {
    name: 'region',
    description: "Grid region; overrides the config's region (e.g. FR, US-WA, azure:eastus).",
  },
  {
    name: 'comment',
    description:
      'When to post the sticky PR comment: always; on-change (create only when not passing, always update an existing one); on-fail; never.',
    default: 'always',
    choices: ['always', 'on-change', 'on-fail', 'never'],
  },
  {
    name: 'fail-on',
    description:
      'Which verdict fails the step: fail; warn (warn or fail); never. A benchmark error fails unless never.',
    default: 'fail',
    choices: ['fail', 'warn', 'never'],
  },
  {
    name: 'baseline',
    description:
      'Where the comparison baseline comes from: history (the data branch), ab (the base commit of the PR, run interleaved with the head in this job, paired) or none.',
    default: 'none',
    choices: ['history', 'ab', 'none'],
  },
  {
    name: 'history-branch',
    description:
      'Branch of origin holding run records (baseline: history). Pushes to the default branch append to it (needs contents: write).',
    default: DEFAULT_DATA_BRANCH,
  },
  {
    name: 'history-retention-days',
    description:
      'Record files older than this many days are deleted from the history branch when a run is appended (at least 31).',
    default: '400',
  },
  {
    name: 'team-budget-co2e',
    description:
      "Team budget: CO2e the default branch's recorded runs may emit per calendar month (UTC), e.g. 2 kg; warns at 80 %, fails at 100 %. Needs baseline: history.",
  },
  {
    name: 'working-directory',
    description: 'Directory the config and benchmarks are resolved from.',
    default: '.',
  },
  {
    name: 'template',
    description: 'A handlebars template for the comment and summary, relative to working-directory.',
  },
  { name: 'report-dir', description: 'Where carbon-report.json is written.', default: '.carbon-gate' },
  {
    name: 'shard',
    description:
      'Run only shard K/N of the suite in this matrix job (e.g. ${{ matrix.shard }}/4): a benchmark belongs to shard FNV-1a(name) mod N + 1. Use with comment: never; the merge action (action/merge) comments once for all shards. See docs/matrix.md.',
  },
  {
    name: 'benchmarks',
    description:
      "Run only these benchmarks (names separated by commas); with shard, this list is the shard's instead of the hash's.",
  },
  {
    name: 'benchmark-user',
    description:
      "Run the benchmarks as this unprivileged local user, so PR code cannot read the Action's token and environment through /proc or write the workflow command files. Needs the Action to run as root (a container job or a root self-hosted runner); the user must be able to read working-directory. Empty: the Action's own user.",
  },
  {
    name: 'electricity-maps-token',
    description: 'Electricity Maps API token (live grid intensity).',
    secret: true,
  },
  { name: 'watttime-username', description: 'WattTime username (live marginal intensity).', secret: true },
  { name: 'watttime-password', description: 'WattTime password.', secret: true },
];

export interface OutputSpec {
  name: string;
  description: string;
}

export const OUTPUTS: readonly OutputSpec[] = [
  { name: 'status', description: 'Verdict: pass, warn, fail or error.' },
  { name: 'total-co2e-g', description: 'CO2e of one run of the suite, grams (plain decimal).' },
  { name: 'total-energy-kwh', description: 'Energy of one run of the suite, kWh (plain decimal).' },
  { name: 'report-path', description: 'Path of carbon-report.json.' },
  { name: 'comment-url', description: 'URL of the sticky comment; empty when none was posted.' },
];
