import { formatDuration, formatEnergy, formatMass, signedPercent } from '../units.js';
import type { Comparison, GateMetric } from './types.js';

export const METRIC_LABEL: Record<GateMetric, string> = {
  energy: 'energy',
  co2e: 'CO2e',
  duration: 'duration',
  perUnit: 'CO2e per unit',
};

export function formatMetric(metric: GateMetric, value: number): string {
  if (metric === 'energy') return formatEnergy(value);
  if (metric === 'duration') return formatDuration(value);
  return formatMass(value);
}

/** "+12.4 % [+8.1, +16.9]", or "+3.0 % [no interval]" when there were too few samples. */
export function formatDelta(c: Pick<Comparison, 'ratio' | 'ci95'>): string {
  const ci = c.ci95 ? `[${signedPercent(c.ci95[0] - 1)}, ${signedPercent(c.ci95[1] - 1)}]` : '[no interval]';
  return `${signedPercent(c.ratio - 1)} % ${ci}`;
}

/** Whole percent up to 3 significant digits: 104 %, 8.5 %. */
export function formatShare(percent: number): string {
  return `${Number(percent.toPrecision(percent >= 100 ? 3 : 2))} %`;
}
