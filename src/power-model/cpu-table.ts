import { canonicalArchitecture } from './arch-rules.js';
import { cpuKey } from './cpu-key.js';
import { quantile } from './quantile.js';
import type { SpecServer } from './specpower.js';
import type { CpuTableRow, ModelDefaults } from './types.js';

const median = (v: number[]) => quantile(v, 0.5);

/** The most frequent value; ties go to the alphabetically first, so the table is deterministic. */
function mode(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return ranked[0]?.[0] ?? null;
}

/**
 * The SPECpower CPU table: one row per CPU key with its architecture (SPECpower's label, spelling
 * fixed, else the name rules), median year (single rows carry typos: an EPYC 7501 listed as 2008), cores and threads per socket and TDP. Prediction
 * fills a caller's missing fields from it.
 */
export function deriveCpuTable(servers: readonly SpecServer[]): CpuTableRow[] {
  const groups = new Map<string, SpecServer[]>();
  for (const s of servers) {
    const key = cpuKey(s.input.cpuModel);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.keys()].sort().map((key) => {
    const g = groups.get(key)!;
    const archs = g
      .map((s) => canonicalArchitecture(s.input.architecture, key))
      .filter((a): a is string => a !== null);
    const perSocket = (f: (s: SpecServer) => number | undefined) =>
      Math.round(median(g.map((s) => (f(s) ?? Number.NaN) / (s.input.sockets ?? 1)).filter(Number.isFinite)));
    const tdps = g.map((s) => s.input.tdpWattsPerSocket).filter((t): t is number => t !== undefined);
    return {
      key,
      name: g[0]!.input.cpuModel,
      architecture: mode(archs),
      year: Math.round(median(g.map((s) => s.input.year ?? Number.NaN).filter(Number.isFinite))),
      coresPerSocket: perSocket((s) => s.input.cores),
      threadsPerSocket: perSocket((s) => s.input.threads),
      tdpWPerSocket: tdps.length ? median(tdps) : null,
      servers: g.length,
    };
  });
}

/** Defaults for missing fields, from the training inputs only (never the measured power). */
export function deriveDefaults(servers: readonly SpecServer[], cpus: readonly CpuTableRow[]): ModelDefaults {
  const archOf = new Map(cpus.map((c) => [c.key, c.architecture]));
  const years = new Map<string, number[]>();
  for (const s of servers) {
    const arch = archOf.get(cpuKey(s.input.cpuModel));
    if (arch && s.input.year !== undefined) years.set(arch, [...(years.get(arch) ?? []), s.input.year]);
  }
  const span = (v: (number | undefined)[]) => {
    const ok = v.filter((x): x is number => x !== undefined && Number.isFinite(x));
    return [Math.min(...ok), Math.max(...ok)];
  };
  return {
    yearRange: span(servers.map((s) => s.input.year)),
    memoryGbRange: span(servers.map((s) => s.input.memoryGb)),
    memoryGbPerThread: Number(
      median(
        servers.map((s) => (s.input.memoryGb ?? Number.NaN) / s.input.threads).filter(Number.isFinite),
      ).toPrecision(3),
    ),
    year: Math.round(median(servers.map((s) => s.input.year ?? Number.NaN).filter(Number.isFinite))),
    yearByArchitecture: Object.fromEntries(
      [...years.keys()].sort().map((a) => [a, Math.round(median(years.get(a)!))]),
    ),
  };
}
