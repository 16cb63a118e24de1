import type { LayerCost } from '../../runner/metrics-file.js';
import { countLayer, type LayerShape } from './layer-cost.js';

export interface CostTable {
  params: number;
  macs: number;
  /** Every layer with weights or MACs, most MACs first, with its share of the model's MACs. */
  layers: LayerCost[];
  /** Layers the counter does not know: their MACs are missing from the total. */
  uncounted: string[];
}

/**
 * Totals and ranks a model's layers. `params` are the counter's own (tests compare them with TF.js's
 * countParams): a layer whose weights it cannot explain still shows its MACs share honestly.
 */
export function costTable(layers: readonly LayerShape[], paramsOf?: (l: LayerShape) => number): CostTable {
  const counted = layers.map((l) => {
    const c = countLayer(l);
    return { l, params: paramsOf ? paramsOf(l) : c.params, macs: c.macs };
  });
  const macs = counted.reduce((sum, c) => sum + (c.macs ?? 0), 0);
  const params = counted.reduce((sum, c) => sum + c.params, 0);
  const ranked = counted
    .filter((c) => (c.macs ?? 0) > 0 || c.params > 0)
    .map((c) => ({
      name: c.l.name,
      type: c.l.className,
      params: c.params,
      macs: c.macs ?? 0,
      share: macs > 0 ? (c.macs ?? 0) / macs : 0,
    }))
    .sort((a, b) => b.macs - a.macs || b.params - a.params);
  const uncounted = counted.filter((c) => c.macs === undefined).map((c) => `${c.l.name} (${c.l.className})`);
  return { params, macs, layers: ranked, uncounted };
}
