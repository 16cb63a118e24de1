import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSite } from '../../dashboard/site.js';
import { linkBase } from '../../dashboard/links.js';
import type { Limits } from '../../dashboard/view.js';
import { readBranch } from '../../dashboard/io/read-branch.js';
import { readRecordDir } from '../../dashboard/io/read-record-dir.js';
import { UsageError } from '../../errors/usage-error.js';
import { resolveBudget } from '../../gate/resolve-budget.js';
import { DEFAULT_DATA_BRANCH, isBranchName } from '../../github/history/branch-name.js';
import type { StoredRecord } from '../../github/history/record.js';
import { loadConfig } from '../../io/config-file.js';
import { placeInside } from '../../io/inside-dir.js';
import { formatMass } from '../../text/format-number.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import { parseMass } from '../../units.js';
import { EXIT } from '../exit-codes.js';
import { parseOptions } from '../parse-options.js';

const DEFAULT_OUT = path.join('.carbon-gate', 'dashboard');

export const DASHBOARD_HELP = `carbon-gate dashboard — a static site of the recorded runs: energy and CO2e per benchmark over commits

Usage:
  carbon-gate dashboard [--from DIR | --branch NAME [--repo PATH]] [--out DIR] [--github OWNER/REPO]
                        [--config FILE] [--team-budget-co2e MASS]

Options:
  --from DIR      a checkout of the data branch (its runs/ folder) or a folder of record files; inside
                  the current directory
  --branch NAME   the data branch (default: ${DEFAULT_DATA_BRANCH}): the repository's own branch of that
                  name, else origin's (fetched into a temporary repository, as the Action does)
  --repo PATH     the git repository for --branch (default: the current directory)
  --out DIR       where the site goes (default: ${DEFAULT_OUT}): index.html, b/<benchmark>.html, runs.csv
  --github OWNER/REPO  link points to https://github.com/OWNER/REPO/commit/<sha> and rows to the run
                  (default: $GITHUB_REPOSITORY; $GITHUB_SERVER_URL for GitHub Enterprise)
  --config FILE   draw the budgets of this config (records do not store budgets) and take its team budget
  --team-budget-co2e MASS  the team's monthly limit, e.g. 2 kg (wins over the config's budget.team)
  --help          this text

Records are read as untrusted (the Action's validators); invalid files are skipped with a line on stderr.
Charts are inline SVG with no script; the last 100 runs per chart are drawn with their 95 % intervals and
linked, the whole history as an overview and in runs.csv.`;

const OPTIONS = {
  from: { type: 'string' },
  branch: { type: 'string' },
  repo: { type: 'string' },
  out: { type: 'string' },
  github: { type: 'string' },
  config: { type: 'string' },
  'team-budget-co2e': { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

export async function dashboardCommand(args: string[]): Promise<number> {
  const { values: v, positionals } = parseOptions('dashboard', args, OPTIONS);
  if (v.help) {
    process.stdout.write(DASHBOARD_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`dashboard: unexpected argument "${positionals[0]}"`);
  if (v.from !== undefined && (v.branch !== undefined || v.repo !== undefined))
    throw new UsageError('dashboard: --from reads a folder; --branch and --repo read a git branch: give one');
  const now = new Date();
  const log = (m: string) => process.stderr.write(`carbon-gate: ${terminalSafe(m)}\n`);
  const github = v.github ?? process.env.GITHUB_REPOSITORY;
  const links = linkBase(github, process.env.GITHUB_SERVER_URL || undefined);
  if (v.github !== undefined && !links)
    throw new UsageError(`--github: expected OWNER/REPO, found "${v.github.slice(0, 100)}"`);
  const { records, source } = await readInput(v, now, log);
  const budgets = v.config === undefined ? undefined : await configBudgets(v.config);
  const teamLimitG = teamLimit(v['team-budget-co2e']) ?? budgets?.teamG;
  const files = buildSite({ records, source, now, links, budgets, teamLimitG });
  const out = path.resolve(v.out ?? DEFAULT_OUT);
  let bytes = 0;
  for (const [rel, content] of files) {
    const file = path.join(out, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    bytes += Buffer.byteLength(content);
  }
  const benchmarks = [...files.keys()].filter((f) => f.startsWith('b/')).length;
  process.stdout.write(
    `dashboard: ${records.length} runs, ${benchmarks} benchmarks → ${terminalSafe(path.join(out, 'index.html'))} ` +
      `(${files.size} files, ${bytes} bytes${teamLimitG ? `, team limit ${formatMass(teamLimitG)}` : ''})\n`,
  );
  return EXIT.ok;
}

async function readInput(
  v: { from?: string | undefined; branch?: string | undefined; repo?: string | undefined },
  now: Date,
  log: (m: string) => void,
): Promise<{ records: StoredRecord[]; source: string }> {
  if (v.from !== undefined) {
    const placed = placeInside(v.from, process.cwd());
    if (!placed.ok)
      throw new UsageError(
        `--from: ${v.from} is ${placed.why === 'git' ? 'in a .git folder' : 'outside the current directory'}`,
      );
    if (!(await stat(placed.real).catch(() => null))?.isDirectory())
      throw new UsageError(`--from: ${v.from} is not a folder`);
    return { records: await readRecordDir(placed.real, { now, log }), source: `folder ${v.from}` };
  }
  const branch = v.branch ?? DEFAULT_DATA_BRANCH;
  if (!isBranchName(branch))
    throw new UsageError(`--branch: "${branch.slice(0, 100)}" is not a valid branch name`);
  const repo = path.resolve(v.repo ?? '.');
  if (!(await stat(repo).catch(() => null))?.isDirectory())
    throw new UsageError(`--repo: ${v.repo} is not a folder`);
  const h = await readBranch(repo, branch, { now, log });
  if (!h.exists)
    log(`history branch ${branch} does not exist (neither here nor on origin): an empty dashboard`);
  return { records: h.records, source: `branch ${branch}${h.from === 'origin' ? ' (origin)' : ''}` };
}

function teamLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const g = parseMass(raw);
  if (g === null || g <= 0)
    throw new UsageError(
      `--team-budget-co2e: expected a mass > 0 like 2 kg or 500 g, found "${raw.slice(0, 40)}"`,
    );
  return g;
}

/** The config's energy and CO2e limits per benchmark (resolved as the gate does) and of the suite. */
async function configBudgets(file: string) {
  const { config } = await loadConfig(file);
  const benchmarks = new Map<string, Limits>();
  for (const b of config.benchmarks) {
    const r = resolveBudget(config.budget, b.budget);
    if (r?.energyJ || r?.co2eG) benchmarks.set(b.name, { energyJ: r.energyJ, co2eG: r.co2eG });
  }
  return {
    source: `the budgets of ${path.basename(file)}`,
    benchmarks,
    total: config.budget?.total,
    teamG: config.budget?.team?.co2eG,
  };
}
