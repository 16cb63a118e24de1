import type { LayerCost } from '../runner/metrics-file.js';
import type { Metrics } from './tasks/types.js';

/** How many layers the metrics file lists: enough to see where the compute goes. */
export const TOP_LAYERS = 5;

const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
const shown = (v: number | string) => (typeof v === 'number' ? v.toLocaleString('en-US') : v);

/** One line for the benchmark's output: the figures, then the most expensive layers. */
export function summaryLine(metrics: Metrics, layers: readonly LayerCost[]): string {
  const skip = new Set(['model', 'task', 'backend']);
  const figures = Object.entries(metrics)
    .filter(([k]) => !skip.has(k))
    .map(([k, v]) => `${k} ${shown(v)}`)
    .join(', ');
  const top = layers.length
    ? `; top layers by MACs: ${layers.map((l) => `${l.name} ${percent(l.share)}`).join(', ')}`
    : '';
  return `${metrics['model']} ${metrics['task']} on ${metrics['backend']}: ${figures}${top}`;
}
