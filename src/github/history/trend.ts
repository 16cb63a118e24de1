import type { TrendPoint } from '../render/view-model.js';
import type { RunRecord } from './record.js';

/** The suite's CO2e per recorded run, oldest first, the last `limit` of them: the comment's trend chart. */
export function trendPoints(records: readonly RunRecord[], limit = 20): TrendPoint[] {
  return [...records]
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
    .slice(-limit)
    .map((r) => ({ sha: r.sha, co2eG: r.totals.co2eG }));
}
