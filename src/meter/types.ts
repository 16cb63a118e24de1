/** One interface, several sources: the estimator now; RAPL and nvidia-smi plug in beside it. */

export type CpuMethod = 'rapl' | 'estimator';
export type GpuMethod = 'none' | 'nvidia-smi';

export interface BreakdownJ {
  cpu: number;
  memory: number;
  gpu: number;
}

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
  /** Per-GPU energy when a GPU meter ran. */
  gpus?: GpuEnergy[];
  /** Estimates only: the energy band the power model's cross-validated error implies. */
  energyBandJ?: { low: number; high: number };
}

export interface GpuEnergy {
  index: number;
  name: string;
  energyJ: number;
  /** Readings that were integrated, and readings that were skipped ([N/A], failures). */
  samples: number;
  skipped: number;
}

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
}

/** A metering session around one process tree. */
export interface MeterSession {
  /** Called once the benchmark's root pid is known. */
  track(pid: number): void;
  stop(): Promise<Measurement>;
}

export interface Meter {
  describe(): MeterDescription;
  start(): MeterSession;
}
