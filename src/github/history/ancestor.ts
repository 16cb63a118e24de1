import type { StoredRecord } from './record.js';

export interface ClosestRecord {
  found: StoredRecord;
  /** First-parent steps from the base commit to the commit of `found`. */
  distance: number;
  /** Records of that commit (found among them); more than one: the choice below decided. */
  candidates: number;
  /** Chosen because it is the reading run's own record (same run id), not because it is the oldest. */
  ownRun: boolean;
}

/**
 * The record a PR is compared with: the base commit's, else the closest first-parent ancestor's (`shas` is
 * `git rev-list --first-parent <base>`, base first). The records were checked on reading (read-records.ts:
 * a name the tool writes, a createdAt equal to the time in that name, none dated after the reading run).
 * Several records of one commit: the reading run's own record when there is one (`runId`: a re-run of a
 * workflow run writes and reads under the same id), else the oldest: the first run recorded for the
 * commit, which a later (re-)run cannot displace. A hand-added file dated back must carry that old time in
 * its name too, and is pruned by it once past retention; within retention, whoever can write the branch
 * can still choose (docs/action.md). Equal times: the first file name, so the choice never depends on
 * listing order.
 */
export function closestRecord(
  shas: readonly string[],
  records: readonly StoredRecord[],
  opts: { runId?: string } = {},
): ClosestRecord | null {
  const bySha = new Map<string, StoredRecord[]>();
  for (const r of records) {
    const list = bySha.get(r.record.sha);
    if (list) list.push(r);
    else bySha.set(r.record.sha, [r]);
  }
  for (const [distance, sha] of shas.entries()) {
    const list = bySha.get(sha);
    if (!list) continue;
    const own = opts.runId ? list.filter((r) => r.record.runId === opts.runId) : [];
    const found = oldest(own.length ? own : list);
    return { found, distance, candidates: list.length, ownRun: own.length > 0 };
  }
  return null;
}

function oldest(list: readonly StoredRecord[]): StoredRecord {
  const time = (r: StoredRecord) => Date.parse(r.record.createdAt);
  return list.reduce((a, b) => {
    const d = time(b) - time(a);
    return d < 0 || (d === 0 && b.path < a.path) ? b : a;
  });
}
