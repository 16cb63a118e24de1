import type { BaselineData } from '../../gate/baseline.js';
import { historyBaseline, type HistoryStore } from '../../gate/history-baseline.js';
import { closestRecord, type ClosestRecord } from './ancestor.js';
import { shownName } from './record-path.js';
import type { StoredRecord } from './record.js';

/**
 * The gate's history baseline, fed the base commit's record instead of "the latest run": the store holds
 * exactly the chosen record, so historyBaseline compares with it and names its commit.
 */
export function baseRecordStore(chosen: StoredRecord | null): HistoryStore {
  return {
    recent: async (limit) =>
      chosen && limit > 0 ? [{ ref: chosen.record.sha.slice(0, 7), report: chosen.record }] : [],
  };
}

/**
 * BaselineData for a PR whose base is `shas[0]`; null when no record is on the walked ancestry. The note
 * (which the report keeps and the Action logs) says when the record is an ancestor's, and which record it
 * is when its commit has several. `runId`: the reading run's, whose own record wins (see closestRecord).
 */
export async function baselineForBase(
  shas: readonly string[],
  records: readonly StoredRecord[],
  opts: { runId?: string } = {},
): Promise<BaselineData | null> {
  const hit = closestRecord(shas, records, opts);
  if (!hit) return null;
  const data = await historyBaseline(baseRecordStore(hit.found)).load();
  const notes: string[] = [];
  if (hit.distance > 0)
    notes.push(
      `base ${shas[0]!.slice(0, 7)} has no record; compared with its ancestor ${hit.found.record.sha.slice(0, 7)} (${hit.distance} first-parent commits back)`,
    );
  if (hit.candidates > 1) notes.push(whichRecord(hit));
  return notes.length ? { ...data, note: notes.join('; ') } : data;
}

function whichRecord(hit: ClosestRecord): string {
  const { record, path } = hit.found;
  const why = hit.ownRun ? "this run's own" : 'the oldest';
  return `${record.sha.slice(0, 7)} has ${hit.candidates} records; used ${why}, run ${record.runId} of ${record.createdAt} (${shownName(path.slice(0, 120))})`;
}
