import type { Meter, MeterDescription } from './types.js';
import { gpuId, type VisibleGpus } from './visible-gpus.js';

/**
 * nvidia-smi sampling interval. power.draw is itself a 1-s average on Ampere and newer, so sampling
 * faster adds little; 100 ms keeps the edges of short runs sharp on older boards at negligible cost.
 */
export const DEFAULT_GPU_INTERVAL_S = 0.1;

export interface GpuMeterDescription extends MeterDescription {
  gpuNames: string[];
}

/**
 * A meter of GPU energy only. MeterDescription requires a `cpu` method; a GPU meter measures no CPU,
 * so its `cpu` is a placeholder that compositeMeter replaces with the CPU meter's.
 */
export interface GpuMeter extends Meter {
  describe(): GpuMeterDescription;
}

/** How the GPU figures are obtained, for the report's method section: the GPUs metered and those skipped. */
export function describeNvidia(sel: VisibleGpus, intervalS: number): GpuMeterDescription {
  const ms = Math.round(intervalS * 1000);
  const gpus = sel.metered;
  const n = gpus.length === 1 ? '1 GPU' : `${gpus.length} GPUs`;
  return {
    cpu: 'estimator',
    gpu: gpus.length ? 'nvidia-smi' : 'none',
    powerModel: 'nvidia-smi power.draw',
    basis: [
      `nvidia-smi power.draw of ${n} every ${ms} ms, integrated by the trapezoid rule; the first and last readings are held to the edges of the window`,
      'NVIDIA states power.draw is accurate to ±5 W; on Ampere and newer it is a 1-s average, so bursts shorter than 1 s are smoothed and readings lag by about 0.5 s',
      sel.skipped.length
        ? 'GPU energy is whole-board power of the GPUs visible to the benchmark (CUDA_VISIBLE_DEVICES, NVIDIA_VISIBLE_DEVICES), idle ones included, over the benchmark window; the others are skipped'
        : 'GPU energy is whole-board power of every GPU nvidia-smi lists, idle ones included, over the benchmark window',
      ...sel.migShared.map(
        (g) =>
          `GPU ${g.index} is used through a MIG instance: its power is the whole board's, every instance on it included`,
      ),
    ],
    intervalS,
    scope: 'GPU boards (nvidia-smi power.draw)',
    gpuNames: gpus.map((g) => g.name),
    gpusMetered: gpus.map(gpuId),
    ...(sel.skipped.length ? { gpusSkipped: sel.skipped } : {}),
  };
}

/**
 * The GPUs metered and skipped, for the provenance line: "GPU 0 (H100), GPU 2 (H100); skipped GPU 1: not
 * visible to the job (CUDA_VISIBLE_DEVICES=0,2)". Skipped GPUs with one reason are listed once. Plain text:
 * the caller escapes it for its medium.
 */
export function gpuChoiceLine(
  metered: readonly { index: number; name: string }[],
  skipped: readonly { index: number; reason: string }[] = [],
): string {
  const used = metered.length ? metered.map((g) => `GPU ${g.index} (${g.name})`).join(', ') : 'no GPU';
  const byReason = new Map<string, number[]>();
  for (const g of skipped) byReason.set(g.reason, [...(byReason.get(g.reason) ?? []), g.index]);
  const skips = [...byReason].map(([why, ix]) => `skipped ${ix.map((i) => `GPU ${i}`).join(', ')}: ${why}`);
  return [used, ...skips].join('; ');
}
