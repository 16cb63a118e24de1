import os from 'node:os';
import { findCpu, fallbackTdpPerCoreW } from '../../data/cpu-tdp.js';
import { parseCpuInfo, parseMemTotal, type CpuTopology } from '../machine.js';
import { buildPowerModelParams } from '../power-model-params.js';
import { buildTeadsParams, type CpuSpec, type EstimatorParams, type Fallback } from '../estimator-params.js';
import { procRoot, readText } from './procfs.js';

export interface MachineInfo {
  topology: CpuTopology;
  memoryBytes: number;
  estimatorParams: EstimatorParams;
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

/** Reads /proc/cpuinfo and /proc/meminfo (os module off Linux) and builds the estimator's parameters. */
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
  return {
    topology,
    memoryBytes,
    estimatorParams: buildEstimatorParams(topology, spec, fallback, memoryBytes),
  };
}

/** The SPECpower power model; the Teads curve on TDP only if the model refuses the machine (it says why). */
function buildEstimatorParams(
  topology: CpuTopology,
  spec: CpuSpec | null,
  fallback: Fallback,
  memoryBytes: number,
): EstimatorParams {
  try {
    return buildPowerModelParams(topology, spec, memoryBytes);
  } catch (e) {
    const teads = buildTeadsParams(topology, spec, fallback, memoryBytes);
    teads.basis.unshift(
      `calibrated power model not applicable (${(e as Error).message}): Teads curve on TDP instead`,
    );
    return teads;
  }
}
