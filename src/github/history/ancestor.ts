import type { StoredRecord } from './record.js';

/**
 * The record a PR is compared with: the base commit's, else the closest first-parent ancestor's (`shas` is
 * `git rev-list --first-parent <base>`, base first). Several runs of one commit: the newest one.
 */
export function closestRecord(
  shas: readonly string[],
  records: readonly StoredRecord[],
): { found: StoredRecord; distance: number } | null {
  const bySha = new Map<string, StoredRecord>();
  for (const r of records) {
    const seen = bySha.get(r.record.sha);
    if (!seen || seen.record.createdAt < r.record.createdAt) bySha.set(r.record.sha, r);
  }
  for (const [distance, sha] of shas.entries()) {
    const found = bySha.get(sha);
    if (found) return { found, distance };
  }
  return null;
}
