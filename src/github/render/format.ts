import { formatEnergy, formatMass } from '../../units.js';

const dash = '–';

export const energy = (j: number | null | undefined) => (j == null ? dash : formatEnergy(j));
export const mass = (g: number | null | undefined) => (g == null ? dash : formatMass(g));

/** A ratio head/base as a signed percentage: 1.123 → "+12.3 %". */
export function deltaPercent(ratio: number): string {
  const p = (ratio - 1) * 100;
  const sign = p > 0 ? '+' : p < 0 ? '−' : '±';
  return `${sign}${Math.abs(p).toFixed(1)} %`;
}

export function percent(p: number): string {
  return `${p.toFixed(p < 10 ? 1 : 0)} %`;
}

export const STATUS_ICON: Record<string, string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  error: '💥 error',
};
