import { equivalents } from '../carbon/equivalents.js';
import { evaluateGate, SUITE_TOTAL } from '../gate/evaluate.js';
import { worst } from '../gate/status.js';
import { checkShards, type ShardInput, type ShardReport } from './merge-check.js';
import { provenanceLine, provenanceOf, sameProvenance } from './merge-provenance.js';
import { REPORT_LIMITS } from './schema.js';
import type { BenchmarkReport, Report, Status } from './types.js';

export type { ShardInput } from './merge-check.js';

type Provenance = NonNullable<Report['shards']>[number];

export interface MergeOptions {
  /** The shard count expected (`--expect`, the merge action's `shards`); default: what the shards say. */
  expect?: number;
  /** The merging tool's version and the time of the merge. */
  tool: Report['tool'];
  now: Date;
}

/**
 * Matrix shards → one report (carbon-gate merge, the merge action). Pure. Each benchmark keeps its figures as
 * its shard computed them (its own grid, PUE and meter) and points to its shard (`shard`); `shards` keeps every
 * shard's provenance. Totals are the sums over the shards, the total budget is judged again on them, and the
 * verdict is the worst of the shards' and the total's. A shard that is missing (an index no report has) is an
 * `error` benchmark naming it, so the total is never silently smaller; so is a shard whose report is an error
 * with no errored benchmark to show why. Inputs are checked first (merge-check.ts): refusals are exit 2.
 */
export function mergeShards(inputs: readonly ShardInput[], opts: MergeOptions): Report {
  const shards = checkShards(inputs, opts.expect);
  const count = shards[0]!.report.shard.count;
  const byIndex = new Map(shards.map((s) => [s.report.shard.index, s]));
  const provenance: Provenance[] = [];
  const benchmarks: BenchmarkReport[] = [];
  const reasons: string[] = [];
  const statuses: Status[] = [];
  for (let index = 1; index <= count; index++) {
    const label = `shard ${index}/${count}`;
    const shard = byIndex.get(index);
    if (!shard) {
      const why = `no report from ${label}: its job failed before writing one, or its artifact was not uploaded`;
      provenance.push({ index, status: 'missing', reason: why, benchmarks: [] });
      // Worded as the gate words an errored benchmark's reason (`name: reason`), so it is shown once.
      benchmarks.push(errorEntry(`${label} (missing)`, why, index));
      reasons.push(`${label} (missing): ${why}`);
      statuses.push('error' as const);
      continue;
    }
    const { report } = shard;
    const failed = report.verdict.status === 'error';
    provenance.push({ ...provenanceOf(report, index), status: failed ? 'failed' : 'ok' });
    benchmarks.push(...report.benchmarks.map((b) => ({ ...b, shard: index })));
    if (failed && !report.benchmarks.some((b) => b.status === 'error')) {
      const why = `${label} reported an error: ${report.verdict.reasons[0] ?? 'no reason given'}`;
      benchmarks.push(errorEntry(`${label} (failed)`, why.slice(0, 2000), index));
      reasons.push(`${label} (failed): ${why}`);
    }
    reasons.push(
      // A shard's reasons about its own partial total: replaced by the merged total's.
      ...report.verdict.reasons.filter((r) => !r.startsWith(SUITE_TOTAL)).map((r) => `${label}: ${r}`),
    );
    statuses.push(report.verdict.status);
  }
  const first = shards[0]!.report;
  const totals = mergedTotals(shards);
  const total = first.totals.budget;
  const totalGate = total ? evaluateGate([], { baseline: null, total, totals }) : null;
  return {
    schemaVersion: first.schemaVersion,
    tool: opts.tool,
    createdAt: opts.now.toISOString(),
    config: first.config,
    machine: first.machine,
    method: { ...first.method, ...gpuNames(shards) },
    carbon: first.carbon,
    benchmarks: benchmarks.slice(0, REPORT_LIMITS.benchmarks),
    totals: {
      ...totals,
      ...(total ? { budget: total } : {}),
      ...(totalGate?.totalUse.length ? { budgetUse: totalGate.totalUse } : {}),
    },
    verdict: {
      status: worst(...statuses, totalGate?.verdict.status ?? 'pass'),
      reasons: [...reasons, ...(totalGate?.verdict.reasons ?? [])]
        .map((r) => r.slice(0, 2000))
        .slice(0, REPORT_LIMITS.verdictReasons),
      baseline: first.verdict.baseline,
    },
    notices: notices(shards, provenance, count),
    ...(first.commit ? { commit: first.commit } : {}),
    shards: provenance,
  };
}

/** A benchmark entry for a shard that has no figures to give: counted as an error, never as zero. */
function errorEntry(name: string, reason: string, shard: number): BenchmarkReport {
  return {
    name,
    kind: 'other',
    command: '',
    status: 'error',
    reason,
    repeats: 0,
    warmup: 0,
    durationS: null,
    energyJ: null,
    co2eG: null,
    operationalG: null,
    embodiedG: null,
    breakdownJ: null,
    processShare: null,
    samples: [],
    reasons: [reason],
    shard,
  };
}

/** Sums of the shards' totals (each the sum of its benchmarks, on its own grid); equivalents recomputed. */
function mergedTotals(shards: readonly ShardReport[]) {
  const sum = (f: (t: Report['totals']) => number) => shards.reduce((s, x) => s + f(x.report.totals), 0);
  const t = {
    durationS: sum((x) => x.durationS),
    energyJ: sum((x) => x.energyJ),
    energyKwh: sum((x) => x.energyKwh),
    co2eG: sum((x) => x.co2eG),
    operationalG: sum((x) => x.operationalG),
    embodiedG: sum((x) => x.embodiedG),
  };
  // equivalents() takes facility energy (after PUE), as build.ts gives it: each shard's own PUE.
  const facilityKwh = shards.reduce((s, x) => s + x.report.totals.energyKwh * x.report.carbon.pue, 0);
  return { ...t, equivalents: equivalents(facilityKwh, t.co2eG) };
}

/** Every GPU any shard metered, so the provenance line of the merged report names them all. */
function gpuNames(shards: readonly ShardReport[]): { gpuNames?: string[] } {
  const names = [...new Set(shards.flatMap((s) => s.report.method.gpuNames ?? []))].slice(0, 64);
  return names.length ? { gpuNames: names } : {};
}

/** What was merged, where each shard ran (one line each), and the shards' own notices, once each. */
function notices(shards: readonly ShardReport[], provenance: readonly Provenance[], count: number): string[] {
  const present = shards.length;
  const lines = [
    `merged ${present} of ${count} shard reports${present < count ? ` (${count - present} missing)` : ''}; each benchmark's figures are its own shard's (its machine, meter and grid)`,
  ];
  if (!sameProvenance(shards.map((s) => s.report)))
    lines.push(
      `the shards ran on different machines, meters or grids: the report's top-level provenance is shard ${shards[0]!.report.shard.index}/${count}'s; see each shard's line`,
    );
  lines.push(...provenance.map(provenanceLine));
  // A notice every shard gave (no PUE, no embodied) once, as it is; the others prefixed with their shards.
  const from = new Map<string, number[]>();
  for (const s of shards)
    for (const n of s.report.notices) from.set(n, [...(from.get(n) ?? []), s.report.shard.index]);
  const own = [...from].map(([n, at]) =>
    at.length === present ? n : `shard ${at.map((i) => `${i}/${count}`).join(', ')}: ${n}`,
  );
  return [...new Set([...lines, ...own])].map((n) => n.slice(0, 2000)).slice(0, REPORT_LIMITS.notices);
}
