import { formatEnergy, formatMass } from '../../text/format-number.js';

const dash = '–';

export const energy = (j: number | null | undefined) => (j == null ? dash : formatEnergy(j));
export const mass = (g: number | null | undefined) => (g == null ? dash : formatMass(g));

/** The table's status cell: the mark alone (the headline and the reasons below say the rest). */
export const STATUS_MARK: Record<string, string> = { pass: '✅', warn: '⚠️', fail: '❌', error: '💥' };

/** The verdict's heading: the mark and the word ("❌ fail"). */
export const STATUS_ICON: Record<string, string> = Object.fromEntries(
  Object.entries(STATUS_MARK).map(([status, mark]) => [status, `${mark} ${status}`]),
);
