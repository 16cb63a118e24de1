import { estimateVmWatts, powerModelInfo, predictCurveWithBasis } from '../power-model/index.js';
import type { MachineInput } from '../power-model/index.js';
import type { CpuTopology } from './machine.js';
import { percentWhole } from '../text/format-number.js';
import {
  HOST_THREADS_PER_CORE,
  type CpuSpec,
  type EstimatorParams,
  type PowerW,
} from './estimator-params.js';

/**
 * Reference hosts for VMs whose CPU is not in the table (guests often see a bare "AMD EPYC"):
 * the hosts of GitHub's ubuntu-latest (EPYC 7763) and of Azure's Dv5 series (Xeon Platinum 8370C).
 */
const REFERENCE_HOSTS: { match: RegExp; host: MachineInput }[] = [
  {
    match: /amd|epyc/i,
    host: { cpuModel: 'AMD EPYC 7763', cores: 64, threads: 128, sockets: 1, tdpWattsPerSocket: 280 },
  },
  {
    match: /.*/,
    host: {
      cpuModel: 'Intel Xeon Platinum 8370C',
      cores: 32,
      threads: 64,
      sockets: 1,
      tdpWattsPerSocket: 270,
    },
  },
];

const LEVELS = Array.from({ length: 11 }, (_, i) => i / 10);

function interpolate(points: readonly number[], u: number): number {
  const x = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * 10;
  const i = Math.min(9, Math.floor(x));
  return points[i]! + (x - i) * (points[i + 1]! - points[i]!);
}

function vmHost(cpu: CpuTopology, spec: CpuSpec | null): { host: MachineInput; basis: string } {
  if (spec?.cores) {
    const host = {
      cpuModel: spec.model,
      cores: spec.cores,
      threads: spec.cores * HOST_THREADS_PER_CORE,
      sockets: 1,
      tdpWattsPerSocket: spec.tdpW,
    };
    return {
      host,
      basis: `host: ${spec.model}, ${spec.cores} cores, TDP ${spec.tdpW} W (${spec.source}), one socket`,
    };
  }
  const ref = REFERENCE_HOSTS.find((r) => r.match.test(cpu.model))!.host;
  return {
    host: ref,
    basis: `host CPU "${cpu.model}" unknown: assumed a reference cloud host, ${ref.cpuModel} (${ref.threads} threads, ${ref.tdpWattsPerSocket} W)`,
  };
}

/**
 * The default estimator: the power model fitted to SPECpower servers (src/power-model), sampled
 * at the 11 load levels it predicts (it is linear between them).
 */
export function buildPowerModelParams(
  cpu: CpuTopology,
  spec: CpuSpec | null,
  memoryBytes: number | null,
): EstimatorParams {
  const memoryGb = (memoryBytes ?? 0) / 1024 ** 3;
  const info = powerModelInfo();
  let total: number[];
  const basis: string[] = [];
  if (cpu.virtualised) {
    const { host, basis: hostBasis } = vmHost(cpu, spec);
    const points = LEVELS.map((u) =>
      estimateVmWatts({ host, vcpus: cpu.logicalCpus, vmMemoryGb: memoryGb }, u),
    );
    total = points.map((p) => p.watts);
    basis.push(hostBasis, ...points[0]!.basis);
  } else {
    const machine: MachineInput = {
      cpuModel: spec?.model ?? cpu.model,
      threads: cpu.logicalCpus,
      sockets: cpu.sockets,
      memoryGb,
    };
    if (spec) machine.tdpWattsPerSocket = spec.tdpW;
    const predicted = predictCurveWithBasis(machine);
    total = predicted.curve;
    basis.push(
      `bare metal: whole-server wall power of ${cpu.sockets} socket(s), ${cpu.logicalCpus} threads`,
      ...predicted.basis,
    );
  }
  basis.push(
    `cross-validated MAPE ${info.cvMapePct} % on SPECpower; band ×${info.band.lowRatio}–×${info.band.highRatio} covered ${percentWhole(info.band.coverage)} of held-out servers`,
  );
  // SPECpower measures whole servers at the wall and cannot separate memory (servers that differ
  // only in memory differ by ~0 W/GB), so the whole figure is booked as "cpu" and memory as 0.
  basis.push(
    'whole-machine figure: memory, board and power-supply losses are inside the cpu part of the breakdown',
  );
  const power = (u: number): PowerW => ({ cpu: interpolate(total, u), memory: 0 });
  return {
    cpuModel: cpu.model,
    cpuTdpShareW: total[10]!,
    memoryW: 0,
    powerModel: `${info.name} ${info.version}`,
    basis,
    power,
    band: { lowRatio: info.band.lowRatio, highRatio: info.band.highRatio },
  };
}
