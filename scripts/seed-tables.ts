/**
 * The reference suite's results in the shape of the source report's tables (per model: duration, CPU, RAM
 * and total energy, emissions, accuracy), with the published figures beside them: the markdown in
 * docs/tfjs-suite.md ("The source report's tables, reproduced"). The tables are src/report/seed-tables.ts;
 * this reads the report (and with --run first produces it).
 *
 *   npx tsx scripts/seed-tables.ts [--report PATH] [--run]
 *
 * --report PATH  a carbon-report.json (default .carbon-gate/carbon-report.json, what `npm start` writes)
 * --run          first run the reference suite: node dist/cli.js run --config demo/carbon-gate.yml, writing
 *                the report to PATH's folder (PATH must then be named carbon-report.json); needs `npm run build`
 *
 * The markdown goes to stdout; the suite's own output to stderr. Exit 2 when the report is missing or invalid.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ReportSchema } from '../src/report/schema.js';
import { seedTables, type RunInfo } from '../src/report/seed-tables.js';

const REPORT_NAME = 'carbon-report.json';
const USAGE = 'usage: npx tsx scripts/seed-tables.ts [--report PATH] [--run]';

function fail(message: string): never {
  process.stderr.write(`seed-tables: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { report: string; run: boolean } {
  let report = `.carbon-gate/${REPORT_NAME}`;
  let run = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--run') run = true;
    else if (a === '--report') {
      const v = argv[++i];
      if (!v) fail(`--report needs a path (${USAGE})`);
      report = v;
    } else if (a.startsWith('--report=')) report = a.slice('--report='.length);
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else fail(`unknown argument ${JSON.stringify(a)} (${USAGE})`);
  }
  return { report, run };
}

const loadAverage = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
};

/** Runs the reference suite into the report's folder; the suite's output goes to stderr. */
function runSuite(reportPath: string): RunInfo {
  if (basename(reportPath) !== REPORT_NAME) fail(`--run writes ${REPORT_NAME}: --report must name one`);
  if (!existsSync('dist/cli.js')) fail('dist/cli.js not found: run `npm run build` first');
  const args = ['dist/cli.js', 'run', '--config', 'demo/carbon-gate.yml', '--out', dirname(reportPath)];
  const command = `node ${args.join(' ')}`;
  const loadBefore = loadAverage();
  const started = Date.now();
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 2, 2] });
  const wallS = (Date.now() - started) / 1000;
  const loadAfter = loadAverage();
  if (child.error) fail(`${command}: ${child.error.message}`);
  // A failing or erroring gate still writes its report; an older report must not pass for this run's.
  const fresh = existsSync(reportPath) && statSync(reportPath).mtimeMs >= started;
  if (!fresh) fail(`${command} exited with ${child.status ?? child.signal} and wrote no ${reportPath}`);
  if (child.status !== 0) process.stderr.write(`seed-tables: ${command} exited with ${child.status}\n`);
  return { command, wallS, loadBefore, loadAfter };
}

const args = parseArgs(process.argv.slice(2));
const run = args.run ? runSuite(args.report) : undefined;
if (!existsSync(args.report)) fail(`${args.report} not found (run \`npm start\` first, or pass --run)`);
let json: unknown;
try {
  json = JSON.parse(readFileSync(args.report, 'utf8'));
} catch (e) {
  fail(`${args.report} is not JSON: ${(e as Error).message}`);
}
const parsed = ReportSchema.safeParse(json);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  fail(`${args.report} is not a carbon-gate report: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
}
process.stdout.write(seedTables(parsed.data, run));
