/**
 * CPU product family and low-power flag from the name. Within one architecture the family still
 * separates very different servers (an E3 tower from an E5 2U), and L/HE/EE parts trade clock for
 * watts; both showed up as systematic residuals of an architecture-only model.
 */
const FAMILY_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bplatinum\b/, 'xeon-platinum'],
  [/\bgold\b/, 'xeon-gold'],
  [/\b(silver|bronze)\b/, 'xeon-silver'],
  [/\be7-/, 'xeon-e7'],
  [/\be5-/, 'xeon-e5'],
  [/\be3-|\be-2\d/, 'xeon-e3'],
  [/\bepyc\b/, 'epyc'],
  [/\bopteron\b/, 'opteron'],
  [/\bxeon [xel]?3\d{3}\b|\bx33\d\d\b/, 'xeon-3000'],
  [/\bxeon [xel]?5\d{3}\b/, 'xeon-5000'],
  [/\bxeon [xel]?7\d{3}[a-z]?\b/, 'xeon-7000'],
];

export const FAMILIES: readonly string[] = [...FAMILY_RULES.map(([, f]) => f), 'other'].sort();

export function cpuFamily(key: string): string {
  return FAMILY_RULES.find(([pattern]) => pattern.test(key))?.[1] ?? 'other';
}

/**
 * The vendors' low-power bins: Intel L5420-style prefixes and E3/E5 "-2650L" suffixes, AMD HE/EE.
 * Not Xeon Scalable's L suffix (8280L), which means large memory.
 */
export function isLowPower(key: string): boolean {
  return /\bxeon l\d{4}\b|-\d{4}l\b|\d ?(he|ee)\b/.test(key);
}
