/**
 * Which benchmarks a matrix job runs (`run --shard K/N`, the Action's `shard` input), and the explicit
 * list (`--only a,b`, input `benchmarks`). Pure: names in, names out.
 *
 * Assignment: benchmark `name` belongs to shard (FNV-1a 32-bit of its UTF-8 bytes mod N) + 1. It depends on
 * the name and N only: not on the config's order nor on the other benchmarks, so adding or removing a
 * benchmark never moves another one, and every job of a matrix computes the same split without talking
 * to the others. (Renaming a benchmark may move it; that is the price of needing nothing else.)
 */

export const MAX_SHARDS = 256;

/** Shard K of N, K counted from 1 as a matrix writes it. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** What a job runs: a shard of the suite, an explicit list of names, or (with both) that list labelled as shard K/N. */
export interface BenchmarkSelection {
  shard?: ShardSpec;
  only?: string[];
}

/** "K/N" with 1 ≤ K ≤ N ≤ 256; anything else (spaces aside) is null. */
export function parseShard(text: string): ShardSpec | null {
  const m = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (index < 1 || count < 1 || index > count || count > MAX_SHARDS) return null;
  return { index, count };
}

/** The words a bad value gets: one place, so the CLI and the Action say the same. */
export const SHARD_EXPECTED = `K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, e.g. 2/4`;

/** A matrix's shard count N (merge --expect, the merge action's `shards`): 1 ≤ N ≤ 256; anything else null. */
export function parseShardCount(text: string): number | null {
  const m = /^\s*(\d{1,3})\s*$/.exec(text);
  const n = m ? Number(m[1]) : 0;
  return n >= 1 && n <= MAX_SHARDS ? n : null;
}

export const SHARD_COUNT_EXPECTED = `a whole number of shards from 1 to ${MAX_SHARDS}`;

/** A comma-separated list of names ("a, b,c"), empty items dropped, duplicates kept once. */
export function parseNameList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** FNV-1a, 32 bits, over the name's UTF-8 bytes: simple, stable across platforms and versions, well spread. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The shard (1…count) a benchmark belongs to. */
export function shardOf(name: string, count: number): number {
  return (fnv1a32(name) % count) + 1;
}

/**
 * The names a job runs, in the config's order, and the names of `only` the suite lacks. With `only`,
 * the list is the selection (the shard is then only its label); else the shard's names; else all.
 */
export function selectNames(
  names: readonly string[],
  sel: BenchmarkSelection,
): { selected: string[]; unknown: string[] } {
  if (sel.only) {
    const wanted = new Set(sel.only);
    return {
      selected: names.filter((n) => wanted.has(n)),
      unknown: sel.only.filter((n) => !names.includes(n)),
    };
  }
  const shard = sel.shard;
  if (!shard) return { selected: [...names], unknown: [] };
  return { selected: names.filter((n) => shardOf(n, shard.count) === shard.index), unknown: [] };
}
