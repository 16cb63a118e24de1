import * as core from '@actions/core';
import type { BaselineData } from '../gate/baseline.js';
import { baselineForBase } from '../github/history/baseline-store.js';
import { DEFAULT_COMPACTION } from '../github/history/compaction.js';
import { appendRun } from '../github/history/io/append-run.js';
import { firstParents } from '../github/history/io/ancestry.js';
import { loadHistory } from '../github/history/io/load-history.js';
import type { RunRecord, StoredRecord } from '../github/history/record.js';

/**
 * One log line from text that may hold the data branch's content or file names, which are read before the
 * benchmarks, outside the stopped-commands window: every control character (the runner ends a line at
 * `\n` and at `\r`) escaped as `\n`, `\r` or `\uXXXX`, and a line that would start with a workflow
 * command (`::`, `##[`, after leading whitespace) prefixed so it does not.
 */
export function logLine(m: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = m.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return /^\s*(::|##\[)/.test(flat) ? `carbon-gate: ${flat}` : flat;
}

/** Everything here is optional to the job: a failure is a warning, and the run is gated without it. */
const warning = (m: string) => core.warning(logLine(`carbon-gate: ${m}`));
const warn = (what: string, e: unknown) => warning(`${what}: ${e instanceof Error ? e.message : String(e)}`);
const info = (m: string) => core.info(logLine(`carbon-gate: ${m}`));

export interface PrHistory {
  baseline: BaselineData | null;
  /** The branch's records (the team ledger reads them); null when the branch could not be read. */
  records: StoredRecord[] | null;
}

/** The PR's baseline: the record of its base commit or of the closest first-parent ancestor (200 at most). */
export async function loadPrBaseline(workspace: string, branch: string, baseSha: string): Promise<PrHistory> {
  let records: StoredRecord[];
  try {
    const h = await loadHistory(workspace, branch, { log: info });
    if (!h.exists) {
      warning(
        `history branch ${branch} does not exist yet (a push to the default branch creates it); no baseline`,
      );
      return { baseline: null, records: [] };
    }
    records = h.records;
  } catch (e) {
    warn(`could not read history branch ${branch}; no baseline`, e);
    return { baseline: null, records: null };
  }
  try {
    const recorded = new Set(records.map((r) => r.record.sha));
    const shas = await firstParents(workspace, baseSha, (s) => s.some((x) => recorded.has(x)), { log: info });
    const baseline = await baselineForBase(shas.length ? shas : [baseSha], records);
    if (!baseline) {
      warning(
        `no record for base ${baseSha.slice(0, 7)} or its first-parent ancestors (${shas.length} walked); no baseline`,
      );
    } else info(`baseline: history record of ${baseline.ref}${baseline.note ? ` (${baseline.note})` : ''}`);
    return { baseline, records };
  } catch (e) {
    warn(`could not walk the ancestry of ${baseSha.slice(0, 7)}; no baseline`, e);
    return { baseline: null, records };
  }
}

/** Appends this run to the data branch; returns the records after the push, or null when it failed. */
export async function recordRun(
  workspace: string,
  branch: string,
  record: RunRecord,
  retentionDays: number,
): Promise<StoredRecord[] | null> {
  try {
    const r = await appendRun({
      workspace,
      branch,
      record,
      now: new Date(record.createdAt),
      retentionDays,
      log: info,
      compact: DEFAULT_COMPACTION,
    });
    info(
      `history: recorded ${r.path} on ${branch} (${r.attempts} ${r.attempts === 1 ? 'try' : 'tries'}${r.pruned.length ? `, ${r.pruned.length} pruned` : ''})`,
    );
    return r.records;
  } catch (e) {
    warn(`could not append this run to ${branch} (the workflow needs contents: write)`, e);
    return null;
  }
}
