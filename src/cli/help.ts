/** --help texts; kept beside the commands so each option is documented where it is parsed. */
export const HELP: Record<string, string> = {
  main: `carbon-gate — meter the energy and CO2e of your benchmarks and gate CI on them

Usage:
  carbon-gate run [--config FILE] [--out DIR] [--region CODE] [--json]
  carbon-gate validate [--config FILE]
  carbon-gate meter [--region CODE] [--out DIR] [--json] -- CMD [ARGS…]
  carbon-gate --version | --help

Exit codes: 0 pass or warn, 1 gate failed, 2 usage or config error, 3 a benchmark errored or internal error.
Run "carbon-gate <command> --help" for a command's options.`,
  run: `carbon-gate run — run the benchmarks in carbon-gate.yml, meter them and write a report

Options:
  --config FILE   config file (default: ./carbon-gate.yml, else ./carbon-gate.yaml, else the built-in demo suite)
  --out DIR       where carbon-report.json goes (default: .carbon-gate)
  --region CODE   grid region: ISO 3166-1 code (FR, FRA) or "world"; beats config and CARBON_GATE_REGION
  --json          print the report JSON on stdout instead of the table
  --help          this text

Benchmark output goes to stderr, prefixed with [name]; the table (or JSON) goes to stdout.`,
  validate: `carbon-gate validate — check a config file and exit (0 valid, 2 invalid)

Options:
  --config FILE   config file (default: ./carbon-gate.yml, else ./carbon-gate.yaml)
  --help          this text`,
  meter: `carbon-gate meter — measure one command, like time(1)

Usage: carbon-gate meter [--region CODE] [--out DIR] [--json] -- CMD [ARGS…]

Options:
  --region CODE   grid region (see run --help)
  --out DIR       also write carbon-report.json there
  --json          print the report JSON (one benchmark) on stdout and nothing else there;
                  the command's own output then goes to stderr
  --help          this text

Without --json the command's output passes through and the summary goes to stderr.
Exit code 3 when the command fails (the report is still printed).`,
};
