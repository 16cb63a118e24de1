/**
 * The data branch at scale (issue 16 §3): bytes on the branch and in a fresh single-branch clone, time to
 * append one run and time for a PR to find its baseline and the team budget, with N recorded runs
 * (default 5,000), and what compaction does to the clone when retention keeps N/5 of them.
 *
 * How the branch is made: the records are the production ones (toRunRecord of a report shaped like
 * test/fixtures/action/carbon-report.json, 4 benchmarks x 5 repeats, jittered), named by recordPath,
 * pruned by expiredPaths and with the commit trailer appendRun writes: one commit per run as appendRun
 * makes them, but written by one `git fast-import` stream instead of N pushes (N pushes would take an
 * hour). The code branch `main` has one commit per run, and each record names its commit. Then
 * `git gc` packs the origin as a server would. What is timed then runs the production code against it:
 * appendRun (a cold depth-1 fetch into a temporary repository, commit, push, read back, as the Action
 * does), loadPrBaseline + teamStatus (the Action's PR path), compactBranch.
 *
 * Scenarios, same run times (N runs over 300 days):
 *   all-kept   retention 400 days: every run kept (the append/lookup figures are measured here)
 *   fifth-kept retention 60 days: N pushed, about N/5 kept; clone before and after compaction
 *   fifth-only a branch that only ever had the last N/5 runs (what a compacted clone should match)
 * Run: npm run bench:history-scale [-- N] (or HISTORY_RUNS=N); N=500 for a quick run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadPrBaseline } from '../src/action/history.js';
import { teamStatus } from '../src/action/team-budget.js';
import { DEFAULT_COMPACTION, withCommits } from '../src/github/history/compaction.js';
import { appendRun } from '../src/github/history/io/append-run.js';
import { compactBranch } from '../src/github/history/io/compact-branch.js';
import { recordPath } from '../src/github/history/record-path.js';
import { toRunRecord, type RecordableReport } from '../src/github/history/record.js';
import { expiredPaths } from '../src/github/history/retention.js';

const N = Number(process.argv[2] ?? process.env.HISTORY_RUNS ?? 5000);
if (!Number.isInteger(N) || N < 50) throw new Error(`runs: expected a whole number ≥ 50, got ${N}`);
const BRANCH = 'carbon-gate-data';
const DAY = 86_400_000;
const SPAN_DAYS = 300;
const START = Date.UTC(2025, 0, 1);
const at = (i: number) => new Date(START + Math.floor((i * SPAN_DAYS * DAY) / N));
const END = at(N - 1);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-history-'));
const BOT = 'carbon-gate <41898282+github-actions[bot]@users.noreply.github.com>';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();

function fastImport(repo: string, stream: string): void {
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: repo, input: stream, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`fast-import: ${r.stderr.toString()}`);
}

const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;

/** `main` with one commit per run (fixed dates, so every origin gets the same shas). */
function codeStream(): string {
  let s = '';
  for (let i = 0; i < N; i++) {
    s += `commit refs/heads/main\ncommitter dev <dev@example.test> ${Math.floor(at(i).getTime() / 1000)} +0000\n`;
    s += data(`change ${i}`) + 'M 100644 inline src.txt\n' + data(`${i}\n`);
  }
  return s;
}

const fixture = JSON.parse(
  readFileSync(path.join(repoRoot, 'test/fixtures/action/carbon-report.json'), 'utf8'),
) as RecordableReport & { benchmarks: RecordableReport['benchmarks'] };

/** A report like the fixture's: its two benchmarks twice over (4), 5 repeats each, figures jittered. */
function report(i: number, now: Date): RecordableReport {
  const jitter = (x: number, k: number) => x * (0.9 + 0.2 * Math.abs(Math.sin(i * 12.9898 + k * 78.233)));
  const benchmarks = [0, 1, 2, 3].map((b) => {
    const base = fixture.benchmarks[b % 2]!;
    const s0 = base.samples[0]!;
    const samples = [0, 1, 2, 3, 4].map((k) => ({
      ...s0,
      energyJ: jitter(s0.energyJ, b * 5 + k),
      co2eG: jitter(s0.co2eG, b * 5 + k),
      durationS: jitter(s0.durationS, b * 5 + k + 40),
    }));
    return { ...base, name: b < 2 ? base.name : `${base.name}-large`, samples };
  });
  const co2eG = benchmarks.reduce((s, b) => s + b.samples[2]!.co2eG, 0);
  const energyJ = benchmarks.reduce((s, b) => s + b.samples[2]!.energyJ, 0);
  return { ...fixture, createdAt: now.toISOString(), totals: { energyJ, co2eG }, benchmarks };
}

/** The data branch: runs `from`..N-1, one commit each, as appendRun writes them. */
function dataStream(shas: string[], from: number, retentionDays: number): string {
  let s = '';
  const live: string[] = [];
  for (let i = from; i < N; i++) {
    const now = at(i);
    const record = toRunRecord(report(i, now), {
      sha: shas[i]!,
      ref: 'refs/heads/main',
      runId: `${9e9 + i}`,
      now,
    });
    const file = recordPath(now, shas[i]!, (i * 2654435761).toString(16).padStart(12, '0').slice(-12));
    // Names sort by time: the expired ones are at the front of `live`.
    const pruned = expiredPaths(live.slice(0, 64), now, retentionDays);
    live.splice(0, pruned.length);
    live.push(file);
    const subject = `carbon-gate: run ${shas[i]!.slice(0, 7)} (refs/heads/main)${pruned.length ? `, prune ${pruned.length}` : ''}`;
    s += `commit refs/heads/${BRANCH}\ncommitter ${BOT} ${Math.floor(now.getTime() / 1000)} +0000\n`;
    s += data(withCommits(subject, i - from + 1));
    for (const p of pruned) s += `D ${p}\n`;
    s += `M 100644 inline ${file}\n` + data(JSON.stringify(record) + '\n');
  }
  return s;
}

function makeOrigin(name: string, from: number, retentionDays: number): string {
  const origin = path.join(dir, `${name}.git`);
  git(dir, 'init', '--bare', '--quiet', '--initial-branch=main', origin);
  fastImport(origin, codeStream());
  const shas = git(origin, 'rev-list', '--reverse', 'main').split('\n');
  fastImport(origin, dataStream(shas, from, retentionDays));
  git(origin, 'gc', '--quiet');
  return origin;
}

/** Bytes of the packs of a repository (`git count-objects -v`: size-pack, in KiB). */
function packBytes(repo: string): number {
  const line = git(repo, 'count-objects', '-v')
    .split('\n')
    .find((l) => l.startsWith('size-pack:'))!;
  return Number(line.split(' ')[1]) * 1024;
}

/** A fresh `git clone --single-branch --branch <data>` (bare: the download, no checkout); its pack bytes. */
function cloneBytes(origin: string): { bytes: number; commits: number } {
  const to = mkdtempSync(path.join(dir, 'clone-'));
  git(dir, 'clone', '--quiet', '--bare', '--single-branch', '--branch', BRANCH, `file://${origin}`, to);
  const r = { bytes: packBytes(to), commits: Number(git(to, 'rev-list', '--count', BRANCH)) };
  rmSync(to, { recursive: true, force: true });
  return r;
}

/** What actions/checkout leaves: main at depth 1, origin set. */
function workspace(origin: string): string {
  const ws = mkdtempSync(path.join(dir, 'ws-'));
  git(dir, 'clone', '--quiet', '--depth=1', '--branch=main', `file://${origin}`, ws);
  return ws;
}

async function timed<T>(f: () => Promise<T>): Promise<{ s: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { s: (performance.now() - t) / 1000, value };
}

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));

async function main(): Promise<void> {
  const keep = Math.round(N / 5);
  const keepDays = Math.round(SPAN_DAYS / 5);
  console.log(`generating: ${N} runs over ${SPAN_DAYS} days (git fast-import, one commit per run) ...`);
  let t = performance.now();
  const allKept = makeOrigin('all-kept', 0, 400);
  const fifthKept = makeOrigin('fifth-kept', 0, keepDays);
  const fifthOnly = makeOrigin('fifth-only', N - keep, keepDays);
  console.log(`generated and packed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const tipFiles = (o: string) => git(o, 'ls-tree', '-r', '--name-only', BRANCH).split('\n').length;
  const recordBytes = Number(
    git(allKept, 'ls-tree', '-r', '-l', BRANCH)
      .split('\n')
      .reduce((s, l) => s + Number(l.split(/\s+/)[3]), 0),
  );

  // The PR path on the all-kept branch: every record read, the base's found, the month's ledger summed.
  const base = git(allKept, 'rev-parse', 'main');
  const ws = workspace(allKept);
  const now = new Date(END.getTime() + 60_000);
  const lookup = await timed(async () => {
    const pr = await loadPrBaseline(ws, BRANCH, base);
    return { pr, team: teamStatus(pr.records ?? [], 500, now) };
  });
  if (!lookup.value.pr.baseline) throw new Error('no baseline found');

  // Appends on the all-kept branch: cold (a fresh temporary repository each), as the Action does.
  const appendS: number[] = [];
  for (let k = 0; k < 3; k++) {
    const when = new Date(END.getTime() + (k + 1) * 60_000);
    const record = toRunRecord(report(N + k, when), {
      sha: base,
      ref: 'refs/heads/main',
      runId: '1',
      now: when,
    });
    const r = await timed(() =>
      appendRun({ workspace: workspace(allKept), branch: BRANCH, record, now: when, retentionDays: 400 }),
    );
    if (r.value.records?.length !== N + k + 1)
      throw new Error(`read back ${r.value.records?.length} records`);
    appendS.push(r.s);
  }
  appendS.sort((a, b) => a - b);

  // Retention keeps a fifth: what a clone downloads before and after compaction.
  const before = cloneBytes(fifthKept);
  // The Action's policy; its 500-commit floor lowered for a quick run with fewer runs.
  const policy = { ...DEFAULT_COMPACTION, minCommits: Math.min(DEFAULT_COMPACTION.minCommits, keep) };
  const originBefore = packBytes(fifthKept);
  const compact = await timed(() =>
    compactBranch(workspace(fifthKept), BRANCH, { now: END, retentionDays: keepDays, policy }),
  );
  if (!compact.value.compacted) throw new Error(`not compacted: ${compact.value.why}`);
  const after = cloneBytes(fifthKept);
  git(fifthKept, 'gc', '--quiet', '--prune=now');
  const only = cloneBytes(fifthOnly);
  // The all-kept branch compacted too: the compacted clone against the records kept (linear?).
  const allBefore = cloneBytes(allKept);
  t = performance.now();
  const allCompact = await compactBranch(workspace(allKept), BRANCH, {
    now,
    retentionDays: 400,
    force: true,
  });
  const allCompactS = (performance.now() - t) / 1000;
  const allAfter = cloneBytes(allKept);

  console.log(
    `\nData branch at ${N} runs (${recordBytes} bytes of records at the tip, ${Math.round(recordBytes / N)} per record)`,
  );
  row('branch', 'runs pushed', 'records kept', 'commits', 'fresh clone (pack)');
  row('all kept, never compacted', N + 3, tipFiles(allKept), allBefore.commits, mb(allBefore.bytes));
  row(
    'all kept, compacted',
    N + 3,
    allCompact.compacted ? allCompact.kept : '?',
    allAfter.commits,
    mb(allAfter.bytes),
  );
  row('fifth kept, never compacted', N, keep, before.commits, mb(before.bytes));
  row('fifth kept, compacted', N, compact.value.kept, after.commits, mb(after.bytes));
  row(`only ever ${keep} runs`, keep, keep, only.commits, mb(only.bytes));
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  console.log(
    `\norigin pack (main + data), fifth kept: ${mb(originBefore)} before compaction, ${mb(packBytes(fifthKept))} after gc --prune=now`,
  );
  console.log(
    `compacted clone per kept record: ${Math.round(after.bytes / keep)} B (${keep} kept), ${Math.round(allAfter.bytes / N)} B (${N} kept)`,
  );
  console.log(
    `\nappend one run at ${N} records (appendRun: cold depth-1 fetch, commit, push, read back): median ${appendS[1]!.toFixed(2)} s (min ${appendS[0]!.toFixed(2)}, max ${appendS[2]!.toFixed(2)})`,
  );
  console.log(
    `PR lookup at ${N} records (loadPrBaseline + teamStatus: fetch, read, ancestry, ledger): ${lookup.s.toFixed(2)} s, baseline ${lookup.value.pr.baseline.ref}, team ${lookup.value.team.usedG.toFixed(3)} g this month`,
  );
  console.log(
    `compaction of ${N} commits to ${compact.value.kept} records (compactBranch): ${compact.s.toFixed(2)} s; of ${N + 3} commits keeping all: ${allCompactS.toFixed(2)} s`,
  );
  console.log(
    `targets: append ≤ 5 s ${appendS[1]! <= 5 ? 'met' : 'MISSED'}, lookup ≤ 5 s ${lookup.s <= 5 ? 'met' : 'MISSED'}`,
  );
}

main()
  .finally(() => rmSync(dir, { recursive: true, force: true }))
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
