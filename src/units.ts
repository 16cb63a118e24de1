/**
 * Parsing and display of durations (seconds), energy (joules) and mass (grams).
 *
 * Parsers return null instead of throwing so the config validator can word its own error.
 * A bare number is rejected on purpose: "30" could mean seconds or minutes, and a silent
 * wrong guess skews every result downstream. Callers that want a default unit add it first.
 */

type Ladder = readonly (readonly [unit: string, factor: number])[];

const DURATION_UNITS: Ladder = [
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
const ENERGY_UNITS: Ladder = [
  ['J', 1],
  ['kJ', 1e3],
  ['Wh', 3600],
  ['kWh', 3.6e6],
  ['MWh', 3.6e9],
];
const MASS_UNITS: Ladder = [
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

/** A signed change in percent with one decimal, no unit: 0.124 → "+12.4", -0.031 → "-3.1", 0 → "+0.0". */
export function signedPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return 'n/a';
  const v = Number((fraction * 100).toFixed(1));
  return `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;
}

/** Rounds first so the unit is chosen on the number shown (999.6 g must print "1.00 kg"). */
function round3(x: number): number {
  return Number(x.toPrecision(3));
}

// toPrecision switches to exponent notation from 1000 up; integers read better there.
function sig3(x: number): string {
  return x >= 1000 ? String(Math.round(x)) : x.toPrecision(3);
}

function formatScaled(value: number, ladder: Ladder, zero: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value === 0) return zero;
  const abs = round3(Math.abs(value));
  let [unit, factor] = ladder[0] ?? ['', 1];
  for (const step of ladder) if (abs >= step[1]) [unit, factor] = step;
  return `${value < 0 ? '-' : ''}${sig3(abs / factor)} ${unit}`;
}

/**
 * Energy with 3 significant digits: mJ and J up to 1 Wh, then Wh, kWh, MWh ("850 J",
 * "1230 J", "1.00 Wh", "4.56 kWh"). No kJ: grid intensities and bills are per kWh, so a
 * third family of units would only make numbers harder to compare. Negative values (a delta
 * against a baseline) keep their sign; NaN and infinities print "n/a".
 */
export function formatEnergy(joules: number): string {
  return formatScaled(joules, [['mJ', 1e-3], ['J', 1], ...ENERGY_UNITS.slice(2)], '0 J');
}

/** Mass with 3 significant digits: "12.3 mg", "4.56 g", "1.20 kg", "3.40 t". */
export function formatMass(grams: number): string {
  return formatScaled(grams, MASS_UNITS, '0 g');
}

/**
 * Durations: "850 ms" and "3.02 s" below a minute (3 significant digits), then whole
 * seconds "2 m 05 s", then whole minutes "1 h 02 m" (sub-second digits are noise there).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'n/a';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  const shown = round3(seconds);
  if (shown < 60) return formatScaled(seconds, DURATION_UNITS.slice(0, 2), '0 s');
  const whole = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (whole < 3600) return `${Math.floor(whole / 60)} m ${pad(whole % 60)} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} m`;
}
