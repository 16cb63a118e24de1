import type { CostTable } from '../cost/cost-table.js';
import type { LayerCost } from '../../runner/metrics-file.js';

/**
 * Cost of the algorithms that are not layer models (knn, kmeans, fourier): their steps are named
 * matrix products, each with its MACs per example, so they rank like layers do.
 */
export interface Step {
  name: string;
  type: string;
  params: number;
  macs: number;
}

export function stepsTable(steps: readonly Step[]): CostTable {
  const macs = steps.reduce((s, x) => s + x.macs, 0);
  const layers: LayerCost[] = steps
    .map((x) => ({ ...x, share: macs > 0 ? x.macs / macs : 0 }))
    .sort((a, b) => b.macs - a.macs || b.params - a.params);
  return { params: steps.reduce((s, x) => s + x.params, 0), macs, layers, uncounted: [] };
}
