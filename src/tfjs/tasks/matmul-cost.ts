import { roundShare, type CostTable } from '../cost/cost-table.js';
import type { LayerCost } from '../../runner/metrics-file.js';

/**
 * Cost of the algorithms that are not layer models (knn, kmeans, fourier): their steps are named
 * matrix products, each with its MACs per example, listed like layers are (in the order given).
 */
export interface Step {
  name: string;
  type: string;
  params: number;
  macs: number;
}

export function stepsTable(steps: readonly Step[]): CostTable {
  const macs = steps.reduce((s, x) => s + x.macs, 0);
  const layers: LayerCost[] = steps.map((x) => ({ ...x, share: macs > 0 ? roundShare(x.macs / macs) : 0 }));
  return { params: steps.reduce((s, x) => s + x.params, 0), macs, layers, uncounted: [] };
}
