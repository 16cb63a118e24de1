import { formatDuration, formatEnergy, formatMass } from '../text/format-number.js';
import type { GateMetric } from './types.js';

export const METRIC_LABEL: Record<GateMetric, string> = {
  energy: 'energy',
  co2e: 'CO2e',
  duration: 'duration',
  perUnit: 'CO2e per unit',
  efficiency: 'energy per quality',
  attributed: 'attributed energy',
};

/** The label of a gated metric named in a report, which a newer version may extend: unknown ones as given. */
export function metricLabel(metric: string): string {
  return Object.hasOwn(METRIC_LABEL, metric) ? METRIC_LABEL[metric as GateMetric] : metric;
}

export function formatMetric(metric: GateMetric, value: number): string {
  if (metric === 'energy' || metric === 'attributed') return formatEnergy(value);
  if (metric === 'duration') return formatDuration(value);
  if (metric === 'efficiency') return `${formatEnergy(value)} per unit`;
  return formatMass(value);
}
