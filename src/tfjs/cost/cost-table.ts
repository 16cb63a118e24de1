import { keepLayers, type LayerCost } from '../../runner/metrics-file.js';
import { countLayer, type LayerShape } from './layer-cost.js';
import { layerUnits } from './layer-units.js';

export interface CostTable {
  params: number;
  macs: number;
  /**
   * Every layer in model order (at most MAX_LAYERS: past it, those with the most MACs), with its share of
   * the model's MACs and its size (units), so that two versions of a model can be compared layer by layer.
   * Display sorts by MACs (topLayers).
   */
  layers: LayerCost[];
  /** Layers the counter does not know: their MACs are missing from the total. */
  uncounted: string[];
}

/** A share to 4 decimals (0.01 % of the model's MACs): enough to show, 12 bytes less per layer. */
export const roundShare = (share: number) => Number(share.toFixed(4));

/**
 * Totals a model's layers. `params` are the counter's own (tests compare them with TF.js's countParams): a
 * layer whose weights it cannot explain still shows its MACs share honestly; one it does not know counts 0
 * MACs in the list and is named in `uncounted`.
 */
export function costTable(layers: readonly LayerShape[], paramsOf?: (l: LayerShape) => number): CostTable {
  const counted = layers.map((l) => {
    const c = countLayer(l);
    return { l, params: paramsOf ? paramsOf(l) : c.params, macs: c.macs };
  });
  const macs = counted.reduce((sum, c) => sum + (c.macs ?? 0), 0);
  const params = counted.reduce((sum, c) => sum + c.params, 0);
  const all = counted.map((c) => {
    const layer: LayerCost = {
      name: c.l.name,
      type: c.l.className,
      params: c.params,
      macs: c.macs ?? 0,
      share: macs > 0 ? roundShare((c.macs ?? 0) / macs) : 0,
    };
    const units = layerUnits(c.l);
    if (units) layer.units = units;
    return layer;
  });
  const uncounted = counted.filter((c) => c.macs === undefined).map((c) => `${c.l.name} (${c.l.className})`);
  return { params, macs, layers: keepLayers(all), uncounted };
}
