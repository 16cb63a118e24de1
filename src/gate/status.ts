import type { Status } from '../report/types.js';

const RANK: Record<Status, number> = { pass: 0, warn: 1, fail: 2, error: 3 };

/** The most severe status: error > fail > warn > pass (an errored benchmark has no trustworthy figures). */
export function worst(...statuses: Status[]): Status {
  return statuses.reduce<Status>((a, b) => (RANK[b] > RANK[a] ? b : a), 'pass');
}
