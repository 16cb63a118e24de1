/**
 * CPU microarchitecture from a CPU name, in SPECpower's vocabulary (skylake, cascadelake, icelake,
 * epyc-gen2, …). The rules are ordered, first match wins, and run on cpuKey() output. They follow
 * the vendors' numbering schemes, so they also cover parts that are not in the training set.
 */
type Rule = readonly [pattern: RegExp, architecture: string | ((m: RegExpMatchArray) => string)];

// Xeon Scalable: the second digit of the number is the generation (8180 → 1st, 8280 → 2nd, …);
// 3rd-generation parts with an H suffix are the 4-/8-socket Cooper Lake, the rest Ice Lake.
const SCALABLE = ['', 'skylake', 'cascadelake', 'icelake', 'sapphirerapids', 'emeraldrapids'];
// Xeon E3/E5/E7 and Core "vN" suffixes: no suffix = the first generation of that line.
const E5_GEN = ['sandybridge', 'sandybridge', 'ivybridge', 'haswell', 'broadwell'];
const E3_GEN = [...E5_GEN, 'skylake', 'kabylake'];
// EPYC: last digit of 7xxX is the generation (7601 → 1, 7742 → 2, 7763 → 3; Azure/GCP customs 7V13, 7B12 too).
const EPYC_GEN = ['', 'epyc-gen1', 'epyc-gen2', 'epyc-gen3', 'epyc-gen4', 'epyc-gen5'];
// Core iN-GXXX: G is the generation (2 Sandy Bridge … 8/9 Coffee Lake, 10 Comet Lake ≈ Coffee Lake, 11 Rocket Lake).
const CORE_GEN = [
  '',
  '',
  'sandybridge',
  'ivybridge',
  'haswell',
  'broadwell',
  'skylake',
  'kabylake',
  'coffeelake',
  'coffeelake',
  'coffeelake',
  'rocketlake',
];

export const ARCH_RULES: readonly Rule[] = [
  [
    /\bepyc (\d)[0-9a-z]{2}(\d)/,
    (m) => (m[1] === '3' ? 'epyc-gen1' : EPYC_GEN[m[1] === '7' ? +m[2]! : 4 + (m[2] === '5' ? 1 : 0)]) ?? '',
  ],
  [/\bopteron\b/, 'opteron'],
  [
    /\b(platinum|gold|silver|bronze) \d(\d)\d\d([a-z]*)/,
    (m) => (m[2] === '3' && m[3]!.includes('h') ? 'cooperlake' : (SCALABLE[+m[2]!] ?? '')),
  ],
  [
    /\be[57]-\d{4}[a-z]*(?: v(\d))?\b/,
    (m) => (m[0].startsWith('e7') && !m[1] ? 'nehalem' : (E5_GEN[+(m[1] ?? 1)] ?? '')),
  ],
  [/\be3-\d{4}[a-z]*(?: v(\d))?\b/, (m) => E3_GEN[+(m[1] ?? 1)] ?? ''],
  [/\be-2(\d)\d\d/, (m) => (+m[1]! <= 2 ? 'coffeelake' : m[1] === '3' ? 'rocketlake' : 'raptorlake')],
  // Pre-2010 Xeons sold by number: 30xx/33xx, 51xx–54xx, 73xx/74xx are Core; 34xx, 55xx/56xx, 65xx/75xx Nehalem/Westmere;
  // 50xx and 70xx/71xx NetBurst.
  [/\bxeon [xel]?(3[0-3]|5[1-4]|7[34])\d\d\b/, 'core'],
  [/\bxeon [xel]?(34|5[56]|[67]5)\d\d\b/, 'nehalem'],
  [/\bxeon [xel]?(50|7[01])\d\d[a-z]?\b/, 'netburst'],
  [/\bx33\d\d\b/, 'core'],
  [/\bpentium d\b|\bpentium 4\b/, 'netburst'],
  // Three-digit Core i (i3-540, i7-920) are the first generation: Nehalem/Westmere.
  [/\bcore i[3579]-\d\d\d[a-z]*\b/, 'nehalem'],
  [/\bcore i[3579]-(\d{1,2})\d{3}/, (m) => CORE_GEN[+m[1]!] || 'raptorlake'],
];

/** Architecture by rule, or null when no rule knows the name. */
export function inferArchitecture(key: string): string | null {
  for (const [pattern, arch] of ARCH_RULES) {
    const m = key.match(pattern);
    if (m) {
      const found = typeof arch === 'string' ? arch : arch(m);
      if (found) return found;
    }
  }
  // NetBurst Xeons were sold by clock, not number: SPECpower lists them as "Xeon Processor 3.6 GHz".
  return key === 'xeon' ? 'netburst' : null;
}

/** SPECpower spellings that are not architectures in the sense above. */
const SPELLING: Readonly<Record<string, string>> = { kabylabe: 'kabylake', westmere: 'nehalem' };
/** Spellings that name a family, not a generation: the name decides. */
const VAGUE = new Set(['', 'epyc', 'unknown']);

/** The architecture to use for a machine: the given one (spelling fixed), else the name's. */
export function canonicalArchitecture(given: string | undefined, key: string): string | null {
  const g = (given ?? '').trim().toLowerCase();
  if (!VAGUE.has(g)) return SPELLING[g] ?? g;
  return inferArchitecture(key);
}

/**
 * Architectures newer than the training data, mapped to the nearest trained one (same vendor and
 * market, one generation back). Prediction says so in its basis.
 */
export const NEAREST_TRAINED: Readonly<Record<string, string>> = {
  sapphirerapids: 'icelake',
  emeraldrapids: 'icelake',
  graniterapids: 'icelake',
  'epyc-gen4': 'epyc-gen3',
  'epyc-gen5': 'epyc-gen3',
  raptorlake: 'rocketlake',
  alderlake: 'rocketlake',
};
