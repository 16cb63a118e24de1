import os from 'node:os';
import { findCpu, fallbackTdpPerCoreW } from '../../data/cpu-tdp.js';
import { parseCpuInfo, parseMemTotal, type CpuTopology } from '../machine.js';
import { buildModelProfile } from '../model-profile.js';
import { buildProfile, type CpuSpec, type EstimatorProfile, type Fallback } from '../profile.js';
import { procRoot, readText } from './procfs.js';

export interface MachineInfo {
  topology: CpuTopology;
  memoryBytes: number;
  profile: EstimatorProfile;
}

function topologyFromOs(): CpuTopology {
  const cpus = os.cpus();
  return {
    model: cpus[0]?.model.trim() || 'unknown',
    logicalCpus: Math.max(1, cpus.length),
    sockets: 1,
    threadsPerCore: 1,
    virtualised: false,
  };
}

/** Reads /proc/cpuinfo and /proc/meminfo (os module off Linux) and builds the estimator's profile. */
export function detectMachine(): MachineInfo {
  const cpuinfo = process.platform === 'linux' ? readText(`${procRoot()}/cpuinfo`) : null;
  const topology = cpuinfo ? parseCpuInfo(cpuinfo) : topologyFromOs();
  const meminfo = process.platform === 'linux' ? readText(`${procRoot()}/meminfo`) : null;
  const memoryBytes = (meminfo ? parseMemTotal(meminfo) : null) ?? os.totalmem();
  const found = findCpu(topology.model);
  const fallback = fallbackTdpPerCoreW();
  const spec: CpuSpec | null = found
    ? { model: found.model, tdpW: found.tdpW, cores: found.cores, source: `${found.source} TDP table` }
    : null;
  return { topology, memoryBytes, profile: estimatorProfile(topology, spec, fallback, memoryBytes) };
}

/** The calibrated power model; the Teads curve only if the model refuses the machine (it says why). */
function estimatorProfile(
  topology: CpuTopology,
  spec: CpuSpec | null,
  fallback: Fallback,
  memoryBytes: number,
): EstimatorProfile {
  try {
    return buildModelProfile(topology, spec, memoryBytes);
  } catch (e) {
    const teads = buildProfile(topology, spec, fallback, memoryBytes);
    teads.basis.unshift(
      `calibrated power model not applicable (${(e as Error).message}): Teads curve on TDP instead`,
    );
    return teads;
  }
}
