import { teadsFractionOfTdp } from './teads.js';
import type { CpuTopology } from './machine.js';
import { roundSignificant } from '../text/format-number.js';

/** Memory power per GB, Cloud Carbon Footprint's coefficient (Apache-2.0 methodology). */
export const MEMORY_W_PER_GB = 0.392;
/** Hosts are assumed to run SMT (2 threads per core), as x86 cloud hosts do. */
export const HOST_THREADS_PER_CORE = 2;

export interface CpuSpec {
  model: string;
  tdpW: number;
  cores: number | null;
  source: string;
}

/** What the estimator needs to turn utilisation into watts, and how it got there. */
export interface EstimatorParams {
  cpuModel: string;
  /** CPU power at 100 % of TDP for the part of the host this machine owns, in W. */
  cpuTdpShareW: number;
  memoryW: number;
  powerModel: string;
  basis: string[];
  /** A curve of its own (the SPECpower power model's); without it the Teads curve on cpuTdpShareW applies. */
  power?: (utilisation: number) => PowerW;
  /** Ratio band of the curve's error (measured ÷ predicted), applied to the non-memory part. */
  band?: { lowRatio: number; highRatio: number };
}

export interface Fallback {
  wattsPerCore: number;
  basis: string;
}

function round(n: number, digits = 3): number {
  return roundSignificant(n, digits);
}

/** The fallback estimator: the Teads curve on this machine's share of CPU TDP, plus memory power per GB. */
export function buildTeadsParams(
  cpu: CpuTopology,
  spec: CpuSpec | null,
  fallback: Fallback,
  memoryBytes: number | null,
): EstimatorParams {
  const memoryGb = (memoryBytes ?? 0) / 1024 ** 3;
  const memoryW = memoryGb * MEMORY_W_PER_GB;
  const basis: string[] = [];
  let cpuTdpShareW: number;
  if (!spec) {
    const cores = cpu.logicalCpus / cpu.threadsPerCore;
    cpuTdpShareW = fallback.wattsPerCore * cores;
    basis.push(
      `CPU "${cpu.model}" not in the TDP table: ${round(fallback.wattsPerCore)} W per core × ${round(cores)} cores (${fallback.basis})`,
    );
  } else if (cpu.virtualised && spec.cores) {
    const hostThreads = spec.cores * HOST_THREADS_PER_CORE;
    const share = Math.min(1, cpu.logicalCpus / hostThreads);
    cpuTdpShareW = spec.tdpW * share;
    basis.push(
      `${spec.model}: TDP ${spec.tdpW} W (${spec.source}) × VM share ${cpu.logicalCpus}/${hostThreads} host threads`,
    );
  } else if (cpu.virtualised) {
    const cores = cpu.logicalCpus / cpu.threadsPerCore;
    cpuTdpShareW = fallback.wattsPerCore * cores;
    basis.push(
      `${spec.model}: host core count unknown in a VM, so ${round(fallback.wattsPerCore)} W per core × ${round(cores)} cores (${fallback.basis})`,
    );
  } else {
    cpuTdpShareW = spec.tdpW * cpu.sockets;
    basis.push(`${spec.model}: TDP ${spec.tdpW} W (${spec.source}) × ${cpu.sockets} socket(s), bare metal`);
  }
  basis.push(`memory ${round(memoryGb)} GB × ${MEMORY_W_PER_GB} W/GB`);
  return {
    cpuModel: cpu.model,
    cpuTdpShareW,
    memoryW,
    powerModel: 'teads-curve',
    basis,
  };
}

export interface PowerW {
  cpu: number;
  memory: number;
}

/** The parameters' own curve, else the Teads curve on the machine's share of TDP plus constant memory power. */
export function estimatePower(params: EstimatorParams, utilisation: number): PowerW {
  if (params.power) return params.power(utilisation);
  return { cpu: teadsFractionOfTdp(utilisation) * params.cpuTdpShareW, memory: params.memoryW };
}
