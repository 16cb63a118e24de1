import { formatEnergy, formatMass } from '../../text/format-number.js';

const dash = '–';

export const energy = (j: number | null | undefined) => (j == null ? dash : formatEnergy(j));
export const mass = (g: number | null | undefined) => (g == null ? dash : formatMass(g));

export const STATUS_ICON: Record<string, string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  error: '💥 error',
};

/** The table's status cell: the mark alone (the headline and the reasons below say the rest). */
export const STATUS_MARK: Record<string, string> = { pass: '✅', warn: '⚠️', fail: '❌', error: '💥' };
