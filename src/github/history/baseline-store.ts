import type { BaselineData } from '../../gate/baseline.js';
import { historyBaseline, type HistoryStore } from '../../gate/history-baseline.js';
import { closestRecord } from './ancestor.js';
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

/** BaselineData for a PR whose base is `shas[0]`; null when no record is on the walked ancestry. */
export async function baselineForBase(
  shas: readonly string[],
  records: readonly StoredRecord[],
): Promise<BaselineData | null> {
  const hit = closestRecord(shas, records);
  if (!hit) return null;
  const data = await historyBaseline(baseRecordStore(hit.found)).load();
  if (hit.distance === 0) return data;
  const note = `base ${shas[0]!.slice(0, 7)} has no record; compared with its ancestor ${hit.found.record.sha.slice(0, 7)} (${hit.distance} first-parent commits back)`;
  return { ...data, note };
}
