/**
 * Every number and percentage carbon-gate shows a person or a workflow: terminal tables and notes, the
 * PR comment, step outputs and runner logs. Parsing (config strings → numbers) stays in units.ts.
 *
 * Where two places format the same kind of figure differently, both ways are kept here under their own
 * names, because each is pinned by tests and read by people (or scripts) who rely on it:
 * - Minus sign: terminal and log text uses ASCII '-' (copy-pasteable, greppable, safe on any console and
 *   in GitHub annotations); the markdown PR comment uses the typographic U+2212 '−' and '±' for no change,
 *   which proportional fonts render as wide as '+', so a column of deltas lines up.
 * - Share of a budget: the terminal gate table rounds to 2 significant digits (3 from 100 %),
 *   the PR comment to one decimal below 10 % and whole percent above.
 * - Percent sign: a space before '%' everywhere ("12 %"), except the TF.js runner's one-line summary
 *   ("40%"), which keeps its compact form.
 */

import { DURATION_UNITS, ENERGY_UNITS, MASS_UNITS, type Ladder } from '../units.js';

// ─── plain numbers ───────────────────────────────────────────────────────────────────────────────

/** `x` rounded to `digits` significant digits, as a number: 0.012345 → 0.0123, 104.4 → 104 (digits 3). */
export function roundSignificant(x: number, digits: number): number {
  return Number(x.toPrecision(digits));
}

/**
 * 3 significant digits as text, whole numbers from 100 up: 0.0123 → "0.0123", 4.5 → "4.50", 1234.5 → "1235".
 * toPrecision alone would switch to exponent notation from 1000 ("1.23e+3"). Meant for x ≥ 0 (callers
 * pass magnitudes and add the sign themselves).
 */
export function sig3(x: number): string {
  if (x >= 100) return String(Math.round(x));
  const p = x.toPrecision(3);
  if (!p.includes('e')) return p;
  // Below 1e-6 toPrecision writes an exponent ("4.27e-7"): the same digits as a plain decimal.
  const n = Number(p);
  return n.toFixed(Math.min(100, 2 - Math.floor(Math.log10(Math.abs(n)))));
}

/** A value of any sign to 3 significant digits (sig3 with its sign): -0.01234 → "-0.0123", 0.875 → "0.875". */
export function signedSig3(x: number, plus = false): string {
  if (!Number.isFinite(x)) return 'n/a';
  return `${x < 0 ? '-' : plus ? '+' : ''}${sig3(Math.abs(x))}`;
}

/** A fixed number of decimals: fixed(0.91234, 3) → "0.912". */
export function fixed(x: number, decimals: number): string {
  return x.toFixed(decimals);
}

/** Rounded to a whole number: 412.6 → "413". */
export function whole(x: number): string {
  return String(Math.round(x));
}

/** Thousands separated by commas (en-US on every machine): 60000 → "60,000", 0.9123 → "0.912". */
export function grouped(x: number): string {
  return x.toLocaleString('en-US');
}

/**
 * A number as a plain decimal for step outputs: no exponent (a tiny benchmark uses 1e-8 kWh, which shell
 * arithmetic and `fromJSON` comparisons misread), about `significant` significant digits, no trailing
 * zeros. NaN and infinities print "0"; from 1e21 up toFixed itself writes an exponent.
 */
export function plainDecimal(n: number, significant = 6): string {
  if (!Number.isFinite(n)) return '0';
  if (n === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(n)));
  const decimals = Math.min(20, Math.max(0, significant - 1 - magnitude));
  const text = n.toFixed(decimals);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

// ─── quantities with units ───────────────────────────────────────────────────────────────────────

// The parse ladders of units.ts, adjusted for display: energy adds mJ and drops kJ (grid intensities
// and bills are per kWh, so a third family of units would only make numbers harder to compare);
// durations below a minute use ms and s only.
const ENERGY_DISPLAY: Ladder = ENERGY_UNITS.filter(([unit]) => unit !== 'kJ');
const MASS_DISPLAY: Ladder = MASS_UNITS;
const SHORT_DURATION_DISPLAY: Ladder = DURATION_UNITS.filter(([unit]) => unit === 'ms' || unit === 's');

function formatScaled(value: number, ladder: Ladder, zero: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value === 0) return zero;
  // Rounds first so the unit is chosen on the number shown (999.6 g must print "1.00 kg").
  const abs = roundSignificant(Math.abs(value), 3);
  let [unit, factor] = ladder[0] ?? ['', 1];
  for (const step of ladder) if (abs >= step[1]) [unit, factor] = step;
  return `${value < 0 ? '-' : ''}${sig3(abs / factor)} ${unit}`;
}

/**
 * Energy with 3 significant digits: mJ and J up to 1 Wh, then Wh, kWh, MWh ("850 J", "1230 J",
 * "1.00 Wh", "4.56 kWh"). Negative values (a delta against a baseline) keep their sign; NaN and
 * infinities print "n/a".
 */
export function formatEnergy(joules: number): string {
  return formatScaled(joules, ENERGY_DISPLAY, '0 J');
}

/** Mass with 3 significant digits: "12.3 mg", "4.56 g", "1.20 kg", "3.40 t". */
export function formatMass(grams: number): string {
  return formatScaled(grams, MASS_DISPLAY, '0 g');
}

/**
 * Durations: "850 ms" and "3.02 s" below a minute (3 significant digits), then whole
 * seconds "2 m 05 s", then whole minutes "1 h 02 m" (sub-second digits are noise there).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'n/a';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  const shown = roundSignificant(seconds, 3);
  if (shown < 60) return formatScaled(seconds, SHORT_DURATION_DISPLAY, '0 s');
  const secondsWhole = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (secondsWhole < 3600) return `${Math.floor(secondsWhole / 60)} m ${pad(secondsWhole % 60)} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} m`;
}

/** Seconds with one decimal, for meter notes about gaps and windows: 2.345 → "2.3 s". */
export function secondsTenths(seconds: number): string {
  return `${seconds.toFixed(1)} s`;
}

/** Watts with a fixed number of decimals: watts(87.25, 1) → "87.3 W", watts(87.25, 0) → "87 W". */
export function watts(w: number, decimals: number): string {
  return `${w.toFixed(decimals)} W`;
}

// ─── percentages ─────────────────────────────────────────────────────────────────────────────────
// Inputs are fractions (0.124 = 12.4 %) unless the name says the value is a percent already.

/**
 * A signed change in percent with one decimal, no unit, ASCII minus (terminal): 0.124 → "+12.4",
 * -0.031 → "-3.1"; the sign follows the rounded value, so 0 and -0.0004 → "+0.0". NaN, ±Infinity → "n/a".
 */
export function signedPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return 'n/a';
  const v = Number((fraction * 100).toFixed(1));
  return `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;
}

/**
 * A ratio head ÷ base as a change with its 95 % interval (terminal): "+12.4 % [+8.1, +16.9]", or
 * "+3.0 % [no interval]" when there were too few samples for one.
 */
export function ratioChangeWithInterval(ratio: number, ci95: readonly [number, number] | null): string {
  const ci = ci95 ? `[${signedPercent(ci95[0] - 1)}, ${signedPercent(ci95[1] - 1)}]` : '[no interval]';
  return `${signedPercent(ratio - 1)} % ${ci}`;
}

/**
 * A ratio head ÷ base as a signed change for markdown, U+2212 minus: 1.123 → "+12.3 %", 0.969 → "−3.1 %",
 * 1 → "±0.0 %". The sign follows the unrounded change, so 0.99999 → "−0.0 %".
 */
export function markdownRatioChange(ratio: number): string {
  const p = (ratio - 1) * 100;
  const sign = p > 0 ? '+' : p < 0 ? '−' : '±';
  return `${sign}${Math.abs(p).toFixed(1)} %`;
}

/** A percent value (not a fraction) to 2 significant digits, 3 from 100 (terminal budget use): 8.53 → "8.5 %", 104.4 → "104 %". */
export function percentSignificant(percent: number): string {
  return `${roundSignificant(percent, percent >= 100 ? 3 : 2)} %`;
}

/** A percent value (not a fraction), one decimal below 10, whole above (PR comment budget use): 8.53 → "8.5 %", 104.4 → "104 %". */
export function percentTenthsBelowTen(percent: number): string {
  // A use that rounds to nothing but is not nothing: "<0.1 %", never "0.0 %".
  if (percent > 0 && percent < 0.05) return '<0.1 %';
  return `${percent.toFixed(percent < 10 ? 1 : 0)} %`;
}

/** A fraction as a percent with fixed decimals: percentFixed(0.1234, 1) → "12.3 %", percentFixed(0.5, 0) → "50 %". */
export function percentFixed(fraction: number, decimals: number): string {
  return `${(fraction * 100).toFixed(decimals)} %`;
}

/** A fraction as a whole percent: 0.6 → "60 %", 0.125 → "13 %"; Math.round, so -0.004 → "0 %" (toFixed would say "-0 %"). */
export function percentWhole(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

/** The TF.js runner's compact share, no space: one decimal below 10 %, whole above: 0.054 → "5.4%", 0.4 → "40%". */
export function percentCompact(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;
}
