// CPU TDP lookup over data/cpu-tdp.json (derived by scripts/derive-data.mjs; see data/NOTICE.md).
// Pure: the JSON is bundled at build time, nothing is read from disk at runtime.
import cpuTdpData from '../../data/cpu-tdp.json' with { type: 'json' };

/** One row of data/cpu-tdp.json. `cores`/`year` are absent when the source does not give them. */
interface CpuTdpRow {
  model: string;
  tdpW: number;
  cores?: number;
  year?: number;
  source: string;
}

interface CpuTdpFile {
  fallback: { tdpPerCoreW: number; basis: string };
  cpus: CpuTdpRow[];
}

// Assignment (not `as`) so tsc checks the committed JSON still has the shape this module relies on.
const data: CpuTdpFile = cpuTdpData;

export interface CpuMatch {
  model: string;
  tdpW: number;
  cores: number | null;
  year: number | null;
  /** Key of `source` in data/cpu-tdp.json: "codecarbon" or "green-algorithms". */
  source: string;
  /** 'exact': the name equals the dataset's; 'normalised': equal after normaliseCpuName. */
  match: 'exact' | 'normalised';
}

/**
 * Reduces a CPU name, as written by /proc/cpuinfo, lscpu or a datasheet, to a comparable key:
 * "Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz" and "Intel Xeon E5-2620 v3" both give "xeon e5-2620 v3".
 * Vendor words are dropped everywhere because the sources disagree on them (Green Algorithms writes
 * "Xeon E5-2650 v2", CodeCarbon "Intel Xeon E5-2650 v2"); model numbers never collide across vendors
 * in the data (the derivation dedupes on this key).
 *
 * MUST stay identical to normaliseCpuName in scripts/derive-data.mjs (test/data/cpu-tdp.test.ts
 * checks every committed row is found again under its own name).
 */
export function normaliseCpuName(raw: string): string {
  return (
    raw
      .toLowerCase()
      // Trademark marks, including the glued form "FX(tm)-8350".
      .replace(/\((r|tm|c)\)/g, '')
      // Nominal clock, which cpuinfo appends and the TDP tables omit.
      .replace(/@\s*\d+(\.\d+)?\s*[gm]hz/g, ' ')
      // "64-Core", "Eight-Core": AMD's cpuinfo suffix. Only the hyphenated form, so "Core i7" survives.
      .replace(/\b(\d+|dual|triple|quad|six|eight|ten|twelve|sixteen)-core\b/g, ' ')
      // "13th Gen Intel(R) Core(TM) i7-1365U", "7th Gen A12-9800 APU".
      .replace(/\b\d+(st|nd|rd|th) gen\b/g, ' ')
      // "AMD Ryzen 7 5800U with Radeon Graphics": the GPU suffix is not part of the model.
      .replace(/\bwith radeon\b.*$/, ' ')
      .replace(/\b(cpu|processor|intel|amd)\b/g, ' ')
      // cpuinfo writes "Core(TM)2 Quad", the tables "Core 2 Quad".
      .replace(/\bcore2\b/g, 'core 2')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

interface Indexes {
  byModel: Map<string, CpuTdpRow>;
  byKey: Map<string, CpuTdpRow>;
}

let indexes: Indexes | undefined;

// Built on first use: most commands never look a CPU up, and ~4,700 rows are not free to index.
function getIndexes(): Indexes {
  if (!indexes) {
    const byModel = new Map<string, CpuTdpRow>();
    const byKey = new Map<string, CpuTdpRow>();
    for (const row of data.cpus) {
      byModel.set(row.model, row);
      byKey.set(normaliseCpuName(row.model), row);
    }
    indexes = { byModel, byKey };
  }
  return indexes;
}

function toMatch(row: CpuTdpRow, match: CpuMatch['match']): CpuMatch {
  return {
    model: row.model,
    tdpW: row.tdpW,
    cores: row.cores ?? null,
    year: row.year ?? null,
    source: row.source,
    match,
  };
}

/**
 * Finds a CPU's TDP by its model name. Only whole names match (exactly, or after normaliseCpuName):
 * no substring or prefix matching, so a vague name such as "AMD EPYC" (some VMs) gives null rather
 * than some EPYC's TDP. Callers fall back to fallbackTdpPerCoreW() on null.
 */
export function findCpu(modelName: string): CpuMatch | null {
  const { byModel, byKey } = getIndexes();
  const exact = byModel.get(modelName.trim());
  if (exact) return toMatch(exact, 'exact');
  const key = normaliseCpuName(modelName);
  if (key === '') return null;
  const row = byKey.get(key);
  return row ? toMatch(row, 'normalised') : null;
}

/** TDP per core to assume for an unknown CPU, with the basis to show in reports. */
export function fallbackTdpPerCoreW(): { wattsPerCore: number; basis: string } {
  return { wattsPerCore: data.fallback.tdpPerCoreW, basis: data.fallback.basis };
}
