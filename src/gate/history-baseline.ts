import {
  baselineFromReport,
  type BaselineGridFacts,
  type BaselineSource,
  type GateBenchmark,
} from './baseline.js';

/**
 * Where past reports live (the Action's data branch). Only the interface is defined here; the Action
 * implements the store. Reports come newest first, each with the commit it measured.
 */
export interface HistoryStore {
  recent(
    limit: number,
  ): Promise<{ ref: string; report: { benchmarks: readonly GateBenchmark[] } & BaselineGridFacts }[]>;
}

/** The latest stored report of the base branch, compared as independent samples. */
export function historyBaseline(store: HistoryStore): BaselineSource {
  return {
    source: 'history',
    async load() {
      const [latest] = await store.recent(1);
      if (!latest) {
        return { source: 'history', method: 'independent', benchmarks: new Map(), note: 'history is empty' };
      }
      return baselineFromReport(latest.report, { source: 'history', ref: latest.ref, method: 'independent' });
    },
  };
}
