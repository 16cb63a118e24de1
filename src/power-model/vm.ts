import { predictCurveWithBasis, powerModelInfo } from './predict.js';
import { atUtilisation } from './curve.js';
import type { MachineInput } from './types.js';
import { percentWhole, roundSignificant } from '../text/format-number.js';

/**
 * Memory power per GB for moving memory between the host and the VM: Cloud Carbon Footprint's
 * 0.392 W/GB, the figure the estimator already uses for memory (src/meter/estimator-params.ts). SPECpower
 * cannot pin it down (same-CPU servers differing only in memory differ by ≈ 0 W/GB), so a published
 * figure is used rather than a fitted one.
 */
export const VM_MEMORY_W_PER_GB = 0.392;
/** The memory deduction may remove at most this share of the VM's slice of host power. */
const MAX_MEMORY_DEDUCTION = 0.5;

export interface VmInput {
  /** The physical host: CPU model, threads of the whole host, etc. */
  host: MachineInput;
  vcpus: number;
  vmMemoryGb: number;
}

const r3 = (n: number) => roundSignificant(n, 3);

/**
 * A VM's power: the host's calibrated wall-power curve × vcpus ÷ host threads, with memory moved
 * from a per-thread share to the VM's own: + 0.392 W/GB × (VM memory − share × host memory).
 * Idle is attributed too: the VM carries its share of host idle power, as Eco CI and CCF do,
 * because the host idles for its tenants. Unknown host memory is taken to be sized like the VM
 * (vmMemoryGb ÷ share), which makes the memory term zero.
 */
export function estimateVmWatts(
  vm: VmInput,
  u: number,
): { watts: number; lowW: number; highW: number; basis: string[] } {
  if (!(vm.vcpus > 0) || !(vm.vmMemoryGb >= 0)) throw new RangeError('vcpus must be > 0 and vmMemoryGb ≥ 0');
  const share = Math.min(1, vm.vcpus / vm.host.threads);
  const hostMemoryGb = vm.host.memoryGb ?? vm.vmMemoryGb / share;
  const { curve, basis } = predictCurveWithBasis({ ...vm.host, memoryGb: hostMemoryGb });
  const slice = share * atUtilisation(curve, u);
  let memoryW = VM_MEMORY_W_PER_GB * (vm.vmMemoryGb - share * hostMemoryGb);
  const notes = [
    `VM share ${vm.vcpus}/${vm.host.threads} host threads${share === 1 ? ' (capped at the whole host)' : ''}, idle share included`,
    vm.host.memoryGb === undefined
      ? `host memory not known: taken as ${r3(hostMemoryGb)} GB, the VM's ${r3(vm.vmMemoryGb)} GB × ${vm.host.threads} host threads ÷ ${vm.vcpus} vCPUs (the VM's share of memory equal to its share of threads), so the memory term is zero`
      : `memory: ${VM_MEMORY_W_PER_GB} W/GB × (${r3(vm.vmMemoryGb)} GB VM − ${r3(share * hostMemoryGb)} GB host share)`,
  ];
  if (memoryW < -MAX_MEMORY_DEDUCTION * slice) {
    memoryW = -MAX_MEMORY_DEDUCTION * slice;
    notes.push(`memory deduction capped at ${percentWhole(MAX_MEMORY_DEDUCTION)} of the VM's slice`);
  }
  const { lowRatio, highRatio } = powerModelInfo().band;
  return {
    watts: slice + memoryW,
    lowW: Math.max(0, slice * lowRatio + memoryW),
    highW: slice * highRatio + memoryW,
    basis: [...basis, ...notes],
  };
}
