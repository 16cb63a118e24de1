import { editDistance } from '../text/did-you-mean.js';

// Longer input (a pasted command as a key) cannot be a typo of a short key; skip the work.
const MAX_WORD = 64;

/**
 * "Did you mean" for config keys and enum values: the candidate within 2 edits
 * (case-insensitive, transpositions count once), or a prefix either way ("time" → "timeout",
 * "benchmark" → "benchmarks"). Unlike closestMatches it returns one answer and knows
 * prefixes: a truncated key is the most common typo in hand-written YAML. Prefixes win, then
 * fewer edits, then the earlier candidate.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > MAX_WORD) return undefined;
  const w = word.toLowerCase();
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const distance = editDistance(w, c);
    const prefix = w.length >= 3 && (c.startsWith(w) || w.startsWith(c));
    if (!(prefix || (distance <= 2 && distance < c.length))) continue;
    const score = prefix ? 0 : distance;
    if (!best || score < best.score) best = { candidate, score };
  }
  return best?.candidate;
}
