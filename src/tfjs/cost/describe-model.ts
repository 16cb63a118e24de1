import type * as tf from '../tf.js';
import type { LayerShape } from './layer-cost.js';

type Shape = (number | null)[];
/** A layer called on several inputs: the first stands for all (true of the layers the counter knows). */
const first = <T>(x: T | T[]): T => (Array.isArray(x) ? (x[0] as T) : x);

/** The counter's view of a built TF.js model. */
export function describeLayers(model: tf.LayersModel): LayerShape[] {
  return model.layers.map((l) => ({
    name: l.name,
    className: l.getClassName(),
    config: l.getConfig() as Record<string, unknown>,
    inputShape: first(l.input).shape as Shape,
    outputShape: (Array.isArray(l.outputShape[0]) ? l.outputShape[0] : l.outputShape) as Shape,
  }));
}
