import { topLayers, type LayerCost } from '../runner/metrics-file.js';
import { grouped, percentCompact } from '../text/format-number.js';
import type { Metrics } from './tasks/types.js';

/** How many layers the summary line names: enough to see where the compute goes. */
export const TOP_LAYERS = 5;

const shown = (v: number | string) => (typeof v === 'number' ? grouped(v) : v);

/**
 * One line for the benchmark's output: the figures, then the layers with the most MACs (`layers`: all of
 * the model's, in model order).
 */
export function summaryLine(metrics: Metrics, layers: readonly LayerCost[]): string {
  const skip = new Set(['model', 'task', 'backend']);
  const figures = Object.entries(metrics)
    .filter(([k]) => !skip.has(k))
    .map(([k, v]) => `${k} ${shown(v)}`)
    .join(', ');
  const most = topLayers(layers, TOP_LAYERS);
  const top = most.length
    ? `; top layers by MACs: ${most.map((l) => `${l.name} ${percentCompact(l.share)}`).join(', ')}`
    : '';
  return `${metrics['model']} ${metrics['task']} on ${metrics['backend']}: ${figures}${top}`;
}
