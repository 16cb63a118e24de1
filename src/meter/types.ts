import { z } from 'zod';
import type { MarkerLine } from './task-window.js';
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

/**
 * The windows a benchmark marked (start/stop lines in $CARBON_GATE_MARKERS_FILE): the same figures as the
 * whole run's, integrated from the same samples over the marked windows only (src/meter/task-window.ts).
 */
export const TaskFiguresSchema = z.object({
  energyJ: z.number(),
  durationS: z.number(),
  processCpuS: z.number(),
  /** The benchmark's share of that energy (see Measurement.attributedJ); absent where it cannot be split. */
  attributedJ: z.number().optional(),
  windows: z.number().int(),
});
export type TaskFigures = z.infer<typeof TaskFiguresSchema>;

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
  /**
   * The benchmark's own share of energyJ: its share of the busy CPU time times the dynamic energy, plus its
   * share of the machine's capacity times the idle energy (src/meter/attribution.ts). Absent where the meter
   * cannot split it (a GPU meter: the GPU's energy is not shared by CPU time).
   */
  attributedJ?: number;
  /** The marked windows' figures, when the benchmark marked any and the markers were valid. */
  task?: TaskFigures;
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

/** Where a session hears of a benchmark's task markers (src/runner/io/marker-reader.ts reads the file). */
export interface MarkerSink {
  lines(lines: readonly MarkerLine[]): void;
  /** The file cannot be used (replaced by a FIFO, too large…): the run's windows are void. */
  problem(text: string): void;
}
export interface MarkerSource {
  subscribe(sink: MarkerSink): void;
  /** Reads what was appended since the last read (the file is also watched; this is the fallback). */
  poll(): void;
}

/**
 * The runner's record of the benchmark's processes (src/runner/io/process-tree.ts), which it walks on a
 * timer to find what a benchmark started. A sampler that walks the same tree every tick takes that over
 * and reports each descendant it sees: one walk and one wake per tick instead of two (issue 13 §5).
 */
export interface TreeWatch {
  /** Stops the runner's own walks; the returned function is told each descendant pid the sampler sees. */
  takeOver(): (pid: number) => void;
}

/** What the runner hands a session with the benchmark's pid. */
export interface TrackAttach {
  markers?: MarkerSource;
  tree?: TreeWatch;
}

/** A metering session around one process tree. */
export interface MeterSession {
  /** Called once the benchmark's root pid is known, with its markers file and process record. */
  track(pid: number, attach?: TrackAttach): void;
  stop(): Promise<Measurement>;
}

export interface Meter {
  describe(): MeterDescription;
  start(ctx?: SessionContext): MeterSession;
}
