import { CARBON_FLAG_HELP } from './carbon-flags.js';
import { FOOTPRINT_HELP } from './commands/footprint.js';
import { CALIBRATE_HELP } from './commands/calibrate.js';
import { POWER_MODEL_HELP } from './commands/power-model.js';
import { COMPARE_HELP } from './commands/compare.js';
import { WHEN_HELP } from './commands/when.js';
import { MERGE_HELP } from './commands/merge.js';
import { EXPORT_HELP } from './commands/export.js';
import { DASHBOARD_HELP } from './commands/dashboard.js';

/** --help texts; kept beside the commands so each option is documented where it is parsed. */
export const HELP: Record<string, string> = {
  main: `carbon-gate — meter the energy and CO2e of your benchmarks and gate CI on them

Usage:
  carbon-gate run [--config FILE] [--out DIR] [carbon flags] [--json] [--baseline FILE | --ab REF]
  carbon-gate compare --base A.json --head B.json [--json]
  carbon-gate merge [--out DIR] [--expect N] [--json] SHARD.json…   (matrix shards → one report)
  carbon-gate validate [--config FILE]
  carbon-gate meter [--config FILE] [--out DIR] [carbon flags] [--json] -- CMD [ARGS…]
  carbon-gate footprint --json (--energy-kwh X | --cores N --tdp-per-core W …) [carbon flags]
  carbon-gate when --duration D [--region R] [--intensity-source S] [--json]   (cleanest start, forecast)
  carbon-gate export --format codecarbon-csv|sci|impact-framework|markdown [--report FILE] [--out FILE]
  carbon-gate calibrate [--out FILE] [--steps N] [--duration-per-step S]   (needs readable RAPL)
  carbon-gate power-model predict --machines FILE | power-model info
  carbon-gate dashboard [--from DIR | --branch NAME [--repo PATH]] [--out DIR]   (static site of the history)
  carbon-gate --version | --help

Exit codes: 0 pass or warn, 1 gate failed, 2 usage or config error, 3 a benchmark errored or internal error.
Run "carbon-gate <command> --help" for a command's options.`,
  run: `carbon-gate run — run the benchmarks in carbon-gate.yml, meter them and write a report

Options:
  --config FILE   config file (default: ./carbon-gate.yml, else ./carbon-gate.yaml, else the built-in demo suite)
  --out DIR       where carbon-report.json goes (default: .carbon-gate)
${CARBON_FLAG_HELP}
  --json          print the report JSON on stdout instead of the table
  --baseline FILE compare with a previous carbon-report.json (independent samples)
  --ab REF        paired A/B: check out REF in a temporary git worktree and run its benchmarks
                  paired with these (base head, head base, …); the worktree is removed after
  --shard K/N     run only shard K of N (a matrix job): a benchmark's shard is FNV-1a of its name mod N,
                  so adding one never moves another; merge the shards' reports with carbon-gate merge
  --only A,B      run only these benchmarks (with --shard, this list is shard K's instead of the hash's)
  --help          this text

With a budget or a baseline, benchmarks repeat 5 times unless they set repeat. A regression fails only
when the lower bound of the 95 % interval of head ÷ base exceeds the limit (default warn 5 %, fail 10 %).
Benchmark output goes to stderr, prefixed with [name]; the table (or JSON) goes to stdout.`,
  validate: `carbon-gate validate — check a config file and exit (0 valid, 2 invalid)

Options:
  --config FILE   config file (default: ./carbon-gate.yml, else ./carbon-gate.yaml)
  --help          this text`,
  meter: `carbon-gate meter — measure one command, like time(1)

Usage: carbon-gate meter [carbon flags] [--config FILE] [--out DIR] [--json] -- CMD [ARGS…]

Options:
${CARBON_FLAG_HELP}
  --config FILE   take region, PUE, intensity and meter settings from this config (default:
                  carbon-gate.yml here, when there is one; its benchmarks are not run)
  --out DIR       also write carbon-report.json there
  --json          print the report JSON (one benchmark) on stdout and nothing else there;
                  the command's own output then goes to stderr
  --help          this text

Without --json the command's output passes through and the summary goes to stderr.
Exit code 3 when the command fails (the report is still printed).`,
  footprint: FOOTPRINT_HELP,
  calibrate: CALIBRATE_HELP,
  'power-model': POWER_MODEL_HELP,
  compare: COMPARE_HELP,
  when: WHEN_HELP,
  merge: MERGE_HELP,
  export: EXPORT_HELP,
  dashboard: DASHBOARD_HELP,
};
