import { normaliseCpuName } from '../data/cpu-tdp.js';

/**
 * A CPU name reduced further than normaliseCpuName, for matching SPECpower's free-text names:
 * its submitters add clocks without "@" ("Platinum 8180 2.50 GHz"), turbo notes in parentheses,
 * SKU codes and stray commas, and glue the generation ("E5-2660V2"). All such variants of one
 * part must share a key, because the model looks parts up and compares neighbours by it.
 */
export function cpuKey(name: string): string {
  return (
    normaliseCpuName(name)
      .replace(/\(.*?\)|\[.*?\]/g, ' ')
      .replace(/\b\d+(\.\d+)?\s*[gm]hz\b/g, ' ')
      .replace(/\bdell sku\b/g, ' ')
      .replace(/,/g, ' ')
      // "e5-2660v2" / "e3-1265lv3" → "e5-2660 v2" / "e3-1265l v3".
      .replace(/(\d[a-z]?)v(\d)\b/g, '$1 v$2')
      // "opteron 4164ee" → "opteron 4164 ee", as most submitters write AMD's HE/EE/SE bins.
      .replace(/(\d)(he|ee|se)\b/g, '$1 $2')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
