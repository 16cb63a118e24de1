import { compositeMeter } from '../composite-meter.js';
import type { Meter } from '../types.js';
import { detectMachine, type MachineInfo } from './detect.js';
import { createEstimatorMeter } from './estimator-meter.js';
import { createNvidiaMeter } from './nvidia-smi-meter.js';
import { detectNvidiaGpus, NVIDIA_SMI_NOT_FOUND } from './nvidia-smi.js';
import { createCpuMeter } from './select-cpu-meter.js';

export interface SelectedMeter {
  meter: Meter;
  machine: MachineInfo;
  notes: string[];
}

/**
 * The best meter this machine allows: RAPL, else a committed power profile, else the power-model
 * estimator for the CPU; plus NVIDIA GPUs through nvidia-smi when it is on PATH (silently none without).
 */
export async function selectMeter(opts: { intervalS: number; profilePath?: string }): Promise<SelectedMeter> {
  const machine = detectMachine();
  const estimator = () =>
    createEstimatorMeter({
      params: machine.estimatorParams,
      logicalCpus: machine.topology.logicalCpus,
      intervalS: opts.intervalS,
    });
  const cpu = createCpuMeter({ intervalS: opts.intervalS, profilePath: opts.profilePath, estimator });
  const notes = [...cpu.notes];
  const gpus = await detectNvidiaGpus();
  if (!gpus.ok && gpus.reason !== NVIDIA_SMI_NOT_FOUND) notes.push(`GPUs not metered: ${gpus.reason}`);
  const gpu = gpus.ok ? createNvidiaMeter({ gpus: gpus.gpus, binary: gpus.binary }) : null;
  return { meter: compositeMeter(cpu.meter, gpu), machine, notes };
}
