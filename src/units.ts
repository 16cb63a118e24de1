/**
 * Parsing of durations (seconds), energy (joules), mass (grams) and percentages. Their display lives in
 * text/format-number.ts.
 *
 * Parsers return null instead of throwing so the config validator can word its own error.
 * A bare number is rejected on purpose: "30" could mean seconds or minutes, and a silent
 * wrong guess skews every result downstream. Callers that want a default unit add it first.
 */

/** Units and their factors to the base unit (s, J, g); text/format-number.ts displays on the same ladders. */
export type Ladder = readonly (readonly [unit: string, factor: number])[];

export const DURATION_UNITS: Ladder = [
  ['ms', 1e-3],
  ['s', 1],
  ['m', 60],
  ['h', 3600],
];
// Lifetimes and embodied-carbon windows need days and years; kept apart so config durations
// (timeouts, intervals) still reject "5d" rather than silently allowing multi-day values.
const LONG_DURATION_UNITS: Ladder = [
  ...DURATION_UNITS,
  ['d', 86_400],
  ['w', 7 * 86_400],
  ['y', 365 * 86_400],
];
// mJ: reports print small energies in mJ ("918 mJ"), so a budget may be written the same way.
export const ENERGY_UNITS: Ladder = [
  ['mJ', 1e-3],
  ['J', 1],
  ['kJ', 1e3],
  ['Wh', 3600],
  ['kWh', 3.6e6],
  ['MWh', 3.6e9],
];
export const MASS_UNITS: Ladder = [
  ['mg', 1e-3],
  ['g', 1],
  ['kg', 1e3],
  ['t', 1e6],
];

// Digits, optional fraction, optional single space, unit. No sign, so negatives never match.
const QUANTITY = /^(\d+(?:\.\d+)?) ?([A-Za-z]+)$/;
// Also exported as a pattern so the JSON Schema lets editors flag bad durations as you type.
export const ENERGY_PATTERN = `^\\d+(\\.\\d+)? ?(${ENERGY_UNITS.map(([unit]) => unit).join('|')})$`;
export const MASS_PATTERN = `^\\d+(\\.\\d+)? ?(${MASS_UNITS.map(([unit]) => unit).join('|')})$`;
export const DURATION_PATTERN = `^\\d+(\\.\\d+)? ?(${DURATION_UNITS.map(([unit]) => unit).join('|')})$`;
// Long digit strings only overflow to Infinity; capping keeps hostile input cheap.
const MAX_QUANTITY_LENGTH = 64;

function parseQuantity(input: string | number, ladder: Ladder): number | null {
  if (typeof input !== 'string' || input.length > MAX_QUANTITY_LENGTH) return null;
  const match = QUANTITY.exec(input);
  const factor = ladder.find(([unit]) => unit === match?.[2])?.[1];
  if (!match || factor === undefined) return null;
  const value = Number(match[1]) * factor;
  return Number.isFinite(value) ? value : null;
}

/** "500ms", "30s", "1.5 m", "1h" → seconds. Numbers (no unit) and negatives → null. */
export function parseDuration(input: string | number): number | null {
  return parseQuantity(input, DURATION_UNITS);
}

export const LONG_DURATION_PATTERN = `^\\d+(\\.\\d+)? ?(${LONG_DURATION_UNITS.map(([unit]) => unit).join('|')})$`;

/** parseDuration plus days, weeks and years of 365 days: "4y", "90d", "1.5h" → seconds. */
export function parseLongDuration(input: string | number): number | null {
  return parseQuantity(input, LONG_DURATION_UNITS);
}

/** "12J", "4.5 kJ", "3Wh", "1.2kWh", "2MWh" → joules. Units are case-sensitive SI symbols. */
export function parseEnergy(input: string | number): number | null {
  return parseQuantity(input, ENERGY_UNITS);
}

/** "850mg", "12 g", "1.2kg", "3t" → grams. */
export function parseMass(input: string | number): number | null {
  return parseQuantity(input, MASS_UNITS);
}

// Percentages for regression tiers: "5%", "12.5 %". The sign is implied (a regression is an increase).
export const PERCENT_PATTERN = '^\\d+(\\.\\d+)? ?%$';

/** "5%", "12.5 %" → 0.05, 0.125. Bare numbers → null (is 5 five percent or five hundred?). */
export function parsePercent(input: string | number): number | null {
  if (typeof input !== 'string' || input.length > MAX_QUANTITY_LENGTH) return null;
  const match = /^(\d+(?:\.\d+)?) ?%$/.exec(input);
  return match ? Number(match[1]) / 100 : null;
}
