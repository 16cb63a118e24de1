import type { NvidiaGpu } from './nvidia-parse.js';
import type { Meter, MeterDescription } from './types.js';

/**
 * nvidia-smi sampling interval. power.draw is itself a 1-s average on Ampere and newer, so sampling
 * faster adds little; 100 ms keeps the edges of short runs sharp on older boards at negligible cost.
 */
export const DEFAULT_GPU_INTERVAL_S = 0.1;

export interface GpuMeterDescription extends MeterDescription {
  gpu: 'nvidia-smi';
  gpuNames: string[];
}

/**
 * A meter of GPU energy only. MeterDescription requires a `cpu` method; a GPU meter measures no CPU,
 * so its `cpu` is a placeholder that compositeMeter replaces with the CPU meter's.
 */
export interface GpuMeter extends Meter {
  describe(): GpuMeterDescription;
}

/** How the GPU figures are obtained, for the report's method section. */
export function describeNvidia(gpus: NvidiaGpu[], intervalS: number): GpuMeterDescription {
  const ms = Math.round(intervalS * 1000);
  const n = gpus.length === 1 ? '1 GPU' : `${gpus.length} GPUs`;
  return {
    cpu: 'estimator',
    gpu: 'nvidia-smi',
    powerModel: 'nvidia-smi power.draw',
    basis: [
      `nvidia-smi power.draw of ${n} every ${ms} ms, integrated by the trapezoid rule; the first and last readings are held to the edges of the window`,
      'NVIDIA states power.draw is accurate to ±5 W; on Ampere and newer it is a 1-s average, so bursts shorter than 1 s are smoothed and readings lag by about 0.5 s',
      'GPU energy is whole-board power of every GPU nvidia-smi lists, idle ones included, over the benchmark window',
    ],
    intervalS,
    scope: 'GPU boards (nvidia-smi power.draw)',
    gpuNames: [...gpus].sort((a, b) => a.index - b.index).map((g) => g.name),
  };
}
