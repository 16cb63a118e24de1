import { z } from 'zod';
import type { GpuId, SkippedGpu } from './visible-gpus.js';

/** One interface, several sources: the estimator now; RAPL and nvidia-smi plug in beside it. */

// The types the report carries are inferred from zod schemas, which src/report/schema.ts builds on.
export const CpuMethodSchema = z.enum(['rapl', 'estimator']);
export type CpuMethod = z.infer<typeof CpuMethodSchema>;
export const GpuMethodSchema = z.enum(['none', 'nvidia-smi']);
export type GpuMethod = z.infer<typeof GpuMethodSchema>;

export const BreakdownJSchema = z.object({ cpu: z.number(), memory: z.number(), gpu: z.number() });
export type BreakdownJ = z.infer<typeof BreakdownJSchema>;

/** Estimates only: the energy band the power model's cross-validated error implies. */
export const EnergyBandJSchema = z.object({ low: z.number(), high: z.number() });
export type EnergyBandJ = z.infer<typeof EnergyBandJSchema>;

export interface Measurement {
  durationS: number;
  energyJ: number;
  breakdownJ: BreakdownJ;
  /** Mean system-wide CPU utilisation over the window, 0..1. */
  utilisation: number;
  /** CPU time of the benchmark's process tree, s. */
  processCpuS: number;
  /** The tree's share of all busy CPU time in the window (how Kepler/Scaphandre attribute). */
  processShare: number;
  samples: number;
  notes: string[];
  /**
   * Notes the verdict repeats: the figure may include load that is not the benchmark's (another process on a
   * metered GPU). They never change a status; they are also the report's notices.
   */
  warnings?: string[];
  /** Per-GPU energy when a GPU meter ran. */
  gpus?: GpuEnergy[];
  /** Estimates only: the energy band the power model's cross-validated error implies. */
  energyBandJ?: EnergyBandJ;
}

export const GpuEnergySchema = z.object({
  index: z.number(),
  name: z.string().max(200),
  energyJ: z.number(),
  /** Readings that were integrated, and readings that were skipped ([N/A], failures). */
  samples: z.number(),
  skipped: z.number(),
});
export type GpuEnergy = z.infer<typeof GpuEnergySchema>;

export interface MeterDescription {
  cpu: CpuMethod;
  gpu: GpuMethod;
  /** Name and version of the power model (estimator), or of the measuring interface. */
  powerModel: string;
  basis: string[];
  intervalS: number;
  /** What energyJ covers, in words ("CPU package + DRAM", "whole machine, modelled"). */
  scope?: string;
  gpuNames?: string[];
  /** The GPUs metered, and those skipped because the benchmark cannot use them (src/meter/visible-gpus.ts). */
  gpusMetered?: GpuId[];
  gpusSkipped?: SkippedGpu[];
}

/** What a session is for: the benchmark's name and the environment its config adds (GPU visibility). */
export interface SessionContext {
  benchmark: string;
  env?: Readonly<Record<string, string>>;
}

/** A metering session around one process tree. */
export interface MeterSession {
  /** Called once the benchmark's root pid is known. */
  track(pid: number): void;
  stop(): Promise<Measurement>;
}

export interface Meter {
  describe(): MeterDescription;
  start(ctx?: SessionContext): MeterSession;
}
