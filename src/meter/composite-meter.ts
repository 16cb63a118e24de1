import type { Measurement, Meter, MeterDescription } from './types.js';

/** Sums a CPU meter (RAPL, power profile or estimator) and an optional GPU meter into one. */
export function compositeMeter(cpu: Meter, gpu: Meter | null): Meter {
  if (!gpu) return cpu;
  return {
    describe: (): MeterDescription => {
      const c = cpu.describe();
      const g = gpu.describe();
      // 'none': nvidia-smi found GPUs, but none the benchmarks can use; the method says which were skipped.
      const metered = g.gpu !== 'none';
      const merged: MeterDescription = {
        ...c,
        gpu: g.gpu,
        basis: metered ? [...c.basis, ...g.basis] : c.basis,
        ...(metered ? { scope: `${c.scope ?? 'CPU'} + GPU` } : {}),
      };
      if (g.gpuNames) merged.gpuNames = g.gpuNames;
      if (g.gpusMetered) merged.gpusMetered = g.gpusMetered;
      if (g.gpusSkipped) merged.gpusSkipped = g.gpusSkipped;
      return merged;
    },
    start: (ctx) => {
      const a = cpu.start(ctx);
      const b = gpu.start(ctx);
      return {
        track: (pid, attach) => {
          a.track(pid, attach);
          b.track(pid);
        },
        stop: async () => mergeMeasurements(...(await Promise.all([a.stop(), b.stop()]))),
      };
    },
  };
}

export function mergeMeasurements(cpu: Measurement, gpu: Measurement): Measurement {
  const gpuJ = gpu.breakdownJ.gpu;
  const { task, ...rest } = cpu;
  const merged: Measurement = {
    ...rest,
    energyJ: cpu.energyJ + gpuJ,
    breakdownJ: { ...cpu.breakdownJ, gpu: cpu.breakdownJ.gpu + gpuJ },
    notes: [...cpu.notes, ...gpu.notes],
  };
  // A GPU is not shared by CPU time: all of its energy is the benchmark's (other processes on it are a warning).
  if (cpu.attributedJ !== undefined) merged.attributedJ = cpu.attributedJ + gpuJ;
  // The GPU's readings are integrated as one running sum, not at the markers: no windows with a GPU metered.
  if (task && gpu.gpus?.length)
    merged.notes.push(
      'task windows are not measured on metered GPUs yet: the whole run is reported and judged',
    );
  else if (task) merged.task = task;
  const warnings = [...(cpu.warnings ?? []), ...(gpu.warnings ?? [])];
  if (warnings.length) merged.warnings = warnings;
  else delete merged.warnings;
  if (gpu.gpus) merged.gpus = gpu.gpus;
  // The GPU is measured, not modelled: the band widens only the CPU part.
  if (cpu.energyBandJ)
    merged.energyBandJ = { low: cpu.energyBandJ.low + gpuJ, high: cpu.energyBandJ.high + gpuJ };
  return merged;
}
