import { UsageError } from '../errors/usage-error.js';
import { firstIssue } from '../gate/report-schema.js';
import { MAX_SHARDS } from '../runner/shard.js';
import { ReportSchema, SCHEMA_VERSION } from './schema.js';
import type { Report } from './types.js';

/** One file given to `merge`, as read: untrusted JSON, named by its file in every message. */
export interface ShardInput {
  file: string;
  json: unknown;
}

/** A validated shard report. */
export interface ShardReport {
  file: string;
  report: Report & { shard: NonNullable<Report['shard']> };
}

const refuse = (why: string): never => {
  throw new UsageError(`merge: ${why}`);
};
const quoted = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 79)}…` : s);

/**
 * Every input checked before anything is merged; the first problem is one line (exit 2). A file must be a
 * report of this schema version carrying its shard (run --shard K/N); all must agree on the shard count
 * (and `expect`, when given), the commit and the config; no shard index or benchmark may be claimed twice.
 */
export function checkShards(inputs: readonly ShardInput[], expect?: number): ShardReport[] {
  if (!inputs.length) refuse('no shard reports given');
  if (inputs.length > MAX_SHARDS) refuse(`${inputs.length} reports; at most ${MAX_SHARDS} shards`);
  sameSchemaVersion(inputs);
  const shards = inputs.map(({ file, json }): ShardReport => {
    const parsed = ReportSchema.safeParse(json);
    if (!parsed.success) return refuse(`${file}: not a carbon-gate report: ${firstIssue(parsed.error)}`);
    const report = parsed.data;
    if (!report.shard)
      return refuse(`${file}: not a shard report (it has no shard; run it with --shard K/N)`);
    if (report.shard.index > report.shard.count)
      refuse(
        `${file}: shard ${report.shard.index}/${report.shard.count} is not a shard of ${report.shard.count}`,
      );
    return { file, report: { ...report, shard: report.shard } };
  });
  sameCount(shards, expect);
  sameValue(
    shards,
    'commits',
    (r) => r.commit?.sha ?? 'none',
    (v) => (v === 'none' ? 'no commit' : v.slice(0, 12)),
  );
  sameValue(shards, 'configs', (r) => r.config, quoted);
  onceEach(shards);
  return shards.sort((a, b) => a.report.shard.index - b.report.shard.index);
}

/** Before the schema: a report of another version would otherwise fail on some field, not on its version. */
function sameSchemaVersion(inputs: readonly ShardInput[]): void {
  const version = (json: unknown) =>
    json && typeof json === 'object' && 'schemaVersion' in json
      ? String(json.schemaVersion).slice(0, 20)
      : 'none';
  const first = inputs[0]!;
  const other = inputs.find((i) => version(i.json) !== version(first.json));
  if (other)
    refuse(
      `shards have different schema versions (${version(first.json)} in ${first.file}, ${version(other.json)} in ${other.file})`,
    );
  if (version(first.json) !== String(SCHEMA_VERSION))
    refuse(
      `${first.file}: schema version ${version(first.json)}; this carbon-gate merges version ${SCHEMA_VERSION}`,
    );
}

function sameCount(shards: readonly ShardReport[], expect: number | undefined): void {
  const first = shards[0]!;
  const n = first.report.shard.count;
  const other = shards.find((s) => s.report.shard.count !== n);
  if (other)
    refuse(
      `inconsistent shard counts (${first.file} is shard ${first.report.shard.index}/${n}, ${other.file} is ${other.report.shard.index}/${other.report.shard.count})`,
    );
  if (expect !== undefined && expect !== n)
    refuse(`expected ${expect} shards, but ${first.file} is shard ${first.report.shard.index}/${n}`);
}

function sameValue(
  shards: readonly ShardReport[],
  what: string,
  of: (r: Report) => string,
  shown: (v: string) => string,
): void {
  const first = shards[0]!;
  const other = shards.find((s) => of(s.report) !== of(first.report));
  if (other)
    refuse(
      `shards from different ${what} (${shown(of(first.report))} in ${first.file}, ${shown(of(other.report))} in ${other.file})`,
    );
}

function onceEach(shards: readonly ShardReport[]): void {
  const byIndex = new Map<number, string>();
  const byName = new Map<string, string>();
  for (const { file, report } of shards) {
    const { index, count } = report.shard;
    const seen = byIndex.get(index);
    if (seen) refuse(`two reports claim shard ${index}/${count} (${seen} and ${file})`);
    byIndex.set(index, file);
    for (const b of report.benchmarks) {
      const claimed = byName.get(b.name);
      if (claimed) refuse(`two shards claim benchmark ${quoted(b.name)} (${claimed} and ${file})`);
      byName.set(b.name, file);
    }
  }
}
