import { FAMILIES } from './family.js';
import type { ResolvedMachine } from './types.js';
import { VENDOR_GROUPS } from './vendor.js';

/**
 * The regression's inputs. Power scales roughly as a power law of TDP, cores and memory, so they
 * enter as logs; the year (and its square) carries the steady fall of idle power; the squared and
 * ratio terms let the memory effect bend. The first KNN_DIMS columns are also the space in which
 * neighbours are searched: hardware size and era, not the one-hot labels.
 */
export const CONTINUOUS = [
  'log TDP×sockets',
  'log cores',
  'log threads',
  'log memory',
  'year',
  'log sockets',
  'AMD',
  'log TDP per core',
  'year²',
  'log memory per core',
  'log² memory',
  'low-power bin',
] as const;
export const KNN_DIMS = 8;

function continuous(m: ResolvedMachine): number[] {
  const tdpAll = m.tdpWPerSocket * m.sockets;
  const year = (m.year - 2014) / 5;
  const logMem = Math.log(Math.max(m.memoryGb, 0.5));
  return [
    Math.log(tdpAll),
    Math.log(m.cores),
    Math.log(m.threads),
    logMem,
    year,
    Math.log(m.sockets),
    m.make === 'amd' ? 1 : 0,
    Math.log(tdpAll / m.cores),
    year * year,
    logMem - Math.log(m.cores),
    logMem * logMem,
    m.lowPower ? 1 : 0,
  ];
}

/** One-hot block; an unknown value gives NaNs, which standardisation turns into the average effect. */
function oneHot(value: string | null, vocab: readonly string[]): number[] {
  return vocab.map((v) => (value === null ? Number.NaN : v === value ? 1 : 0));
}

export function featureNames(architectures: readonly string[]): string[] {
  return [
    ...CONTINUOUS,
    ...architectures.map((a) => `arch=${a}`),
    ...VENDOR_GROUPS.map((v) => `vendor=${v}`),
    ...FAMILIES.map((f) => `family=${f}`),
  ];
}

export function featureVector(m: ResolvedMachine, architectures: readonly string[]): number[] {
  return [
    ...continuous(m),
    ...oneHot(m.architecture, architectures),
    ...oneHot(m.vendor, VENDOR_GROUPS),
    ...oneHot(m.family, FAMILIES),
  ];
}
