import { compositeMeter } from '../composite-meter.js';
import type { Meter } from '../types.js';
import { detectMachine, type MachineInfo } from './detect.js';
import { createEstimatorMeter } from './estimator-meter.js';
import { createNvidiaMeter } from './nvidia-smi-meter.js';
import { detectNvidiaGpus, listMigParents, NVIDIA_SMI_NOT_FOUND } from './nvidia-smi.js';
import { visibilitySetting, type VisibilityEnv } from '../visible-gpus.js';
import { createCpuMeter } from './select-cpu-meter.js';

export interface SelectedMeter {
  meter: Meter;
  machine: MachineInfo;
  notes: string[];
}

/**
 * The best meter this machine allows: RAPL, else a committed power profile, else the power-model
 * estimator for the CPU; plus NVIDIA GPUs through nvidia-smi when it is on PATH (silently none without),
 * only those visible to the benchmarks through CUDA_VISIBLE_DEVICES / NVIDIA_VISIBLE_DEVICES in `env`.
 */
export async function selectMeter(opts: {
  intervalS: number;
  profilePath?: string;
  /** The environment benchmarks inherit (src/engine/bench-env.ts); default none of the GPU variables set. */
  env?: VisibilityEnv;
}): Promise<SelectedMeter> {
  const machine = detectMachine();
  const estimator = () =>
    createEstimatorMeter({
      params: machine.estimatorParams,
      logicalCpus: machine.topology.logicalCpus,
      intervalS: opts.intervalS,
    });
  const cpu = createCpuMeter({ intervalS: opts.intervalS, profilePath: opts.profilePath, estimator });
  const notes = [...cpu.notes];
  const detected = await detectNvidiaGpus();
  if (!detected.ok && detected.reason !== NVIDIA_SMI_NOT_FOUND)
    notes.push(`GPUs not metered: ${detected.reason}`);
  if (!detected.ok) return { meter: cpu.meter, machine, notes };
  const env = opts.env ?? {};
  // `nvidia-smi -L` only when a MIG UUID needs its board: one process fewer on every other machine.
  const mig = /MIG-(?!GPU-)/i.test(`${env.CUDA_VISIBLE_DEVICES ?? ''},${env.NVIDIA_VISIBLE_DEVICES ?? ''}`)
    ? await listMigParents(detected.binary)
    : undefined;
  const gpu = createNvidiaMeter({
    gpus: detected.gpus,
    binary: detected.binary,
    env,
    ...(mig ? { migParents: mig } : {}),
  });
  notes.push(...gpu.selection.warnings);
  if (gpu.selection.metered.length === 0)
    notes.push(
      `GPUs not metered: none of the ${detected.gpus.length} GPU(s) nvidia-smi lists is visible to the benchmarks (${visibilitySetting(env)})`,
    );
  return { meter: compositeMeter(cpu.meter, gpu), machine, notes };
}
