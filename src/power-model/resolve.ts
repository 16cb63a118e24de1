import { fallbackTdpPerCoreW, findCpu, type CpuMatch } from '../data/cpu-tdp.js';
import { canonicalArchitecture, NEAREST_TRAINED } from './arch-rules.js';
import { roundSignificant } from '../text/format-number.js';
import { cpuKey } from './cpu-key.js';
import { cpuFamily, isLowPower } from './family.js';
import type { CpuTableRow, MachineInput, ModelDefaults, ResolvedMachine } from './types.js';
import { cpuMake, vendorGroup } from './vendor.js';

export interface ResolveContext {
  cpus: ReadonlyMap<string, CpuTableRow>;
  architectures: readonly string[];
  defaults: ModelDefaults;
}

interface Known {
  m: MachineInput;
  row: CpuTableRow | undefined;
  listed: CpuMatch | null;
  architecture: string | null;
  basis: string[];
}

// Architectures without SMT: there one thread is one core.
const NO_SMT = new Set(['core', 'opteron']);

function architectureOf(
  m: MachineInput,
  key: string,
  row: CpuTableRow | undefined,
  ctx: ResolveContext,
  basis: string[],
) {
  const found = canonicalArchitecture(m.architecture, key) ?? row?.architecture ?? null;
  if (found === null || ctx.architectures.includes(found)) return found;
  const nearest = NEAREST_TRAINED[found];
  basis.push(
    nearest
      ? `architecture ${found} is newer than the training data: modelled as ${nearest}`
      : `architecture ${found} is not in the training data: average architecture effect`,
  );
  return nearest ?? null;
}

/** Sockets and cores: the SPECpower table's per-socket counts, the TDP table's cores, else SMT. */
function topologyOf({ m, row, listed, architecture, basis }: Known) {
  const smt = architecture === null || !NO_SMT.has(architecture);
  // AMD's cpuinfo names carry the per-socket core count: "AMD EPYC 9654 96-Core Processor".
  const named = /\b(\d+)-core\b/i.exec(m.cpuModel)?.[1];
  const perSocketCores = row?.coresPerSocket ?? listed?.cores ?? (named ? Number(named) : null);
  let sockets = m.sockets;
  if (sockets === undefined) {
    const perSocket = row?.threadsPerSocket ?? (perSocketCores ? perSocketCores * (smt ? 2 : 1) : null);
    sockets = perSocket ? Math.max(1, Math.round(m.threads / perSocket)) : 1;
    basis.push(
      `sockets: ${sockets} (${perSocket ? `${m.threads} threads ÷ ${perSocket} per socket` : 'default 1'})`,
    );
  }
  let cores = m.cores;
  if (cores === undefined) {
    cores = perSocketCores ? perSocketCores * sockets : Math.max(1, smt ? m.threads / 2 : m.threads);
    const how = perSocketCores
      ? `${perSocketCores} per socket`
      : smt
        ? 'threads ÷ 2, SMT assumed'
        : '1 per thread';
    basis.push(`cores: ${cores} (${how})`);
  }
  return { sockets, cores };
}

function tdpOf({ m, row, listed, basis }: Known, coresPerSocket: number): number {
  if (m.tdpWattsPerSocket !== undefined) return m.tdpWattsPerSocket;
  const fb = fallbackTdpPerCoreW();
  const tdp = row?.tdpWPerSocket ?? listed?.tdpW ?? fb.wattsPerCore * coresPerSocket;
  const from = row?.tdpWPerSocket
    ? 'SPECpower CPU table'
    : listed
      ? `${listed.source} TDP table`
      : `${fb.wattsPerCore} W per core, ${fb.basis}`;
  basis.push(`TDP: ${roundSignificant(tdp, 3)} W per socket (${from})`);
  return tdp;
}

function yearOf({ m, row, listed, architecture, basis }: Known, defaults: ModelDefaults): number {
  if (m.year !== undefined) return m.year;
  const byArch = architecture ? defaults.yearByArchitecture[architecture] : undefined;
  const year = row?.year ?? listed?.year ?? byArch ?? defaults.year;
  const from = row
    ? 'SPECpower CPU table'
    : listed?.year
      ? 'TDP table'
      : byArch
        ? `median of ${architecture}`
        : 'median';
  basis.push(`year: ${year} (${from})`);
  return year;
}

/**
 * Year and memory held inside the training range: the model has year² and log²-memory terms,
 * which would bend wildly outside it (extrapolated, idle power would rise ≈ 17 % a year after 2022).
 */
function clamped(year: number, memoryGb: number, d: ModelDefaults, basis: string[]) {
  const [y0 = year, y1 = year] = d.yearRange;
  const [m0 = memoryGb, m1 = memoryGb] = d.memoryGbRange;
  const y = Math.min(y1, Math.max(y0, year));
  const mem = Math.min(m1, Math.max(m0, memoryGb));
  if (y !== year) basis.push(`year ${year} is outside the training data (${y0}–${y1}): modelled as ${y}`);
  if (mem !== memoryGb)
    basis.push(
      `memory ${roundSignificant(memoryGb, 3)} GB is outside the training data (${m0}–${m1} GB): modelled as ${mem} GB`,
    );
  return { year: y, memoryGb: mem };
}

/**
 * Fills the fields a caller left out: from SPECpower's own CPU table first (same naming and TDP
 * conventions as the training data), then the CodeCarbon/Green Algorithms TDP table, then
 * documented defaults. Given fields are never overridden. Every fill is recorded in `basis`.
 */
export function resolveMachine(m: MachineInput, ctx: ResolveContext): ResolvedMachine {
  const basis: string[] = [];
  const key = cpuKey(m.cpuModel);
  const row = ctx.cpus.get(key);
  const architecture = architectureOf(m, key, row, ctx, basis);
  const known: Known = { m, row, listed: findCpu(m.cpuModel), architecture, basis };
  const { sockets, cores } = topologyOf(known);
  const tdpWPerSocket = tdpOf(known, cores / sockets);
  const year = yearOf(known, ctx.defaults);
  let memoryGb = m.memoryGb;
  if (memoryGb === undefined) {
    memoryGb = ctx.defaults.memoryGbPerThread * m.threads;
    basis.push(
      `memory: ${roundSignificant(memoryGb, 3)} GB (${ctx.defaults.memoryGbPerThread} GB per thread, SPECpower median)`,
    );
  }
  return {
    ...clamped(year, memoryGb, ctx.defaults, basis),
    key,
    make: cpuMake(m.vendor, key, architecture),
    architecture,
    family: cpuFamily(key),
    vendor: vendorGroup(m.vendor),
    lowPower: isLowPower(key),
    ...{ sockets, cores, threads: m.threads, tdpWPerSocket, basis },
  };
}
