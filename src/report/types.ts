import type { BreakdownJ, CpuMethod, GpuEnergy, GpuMethod } from '../meter/types.js';
import type { RegionOrigin } from '../carbon/region.js';

/** The report's JSON contract. Bump SCHEMA_VERSION on breaking changes. */
export const SCHEMA_VERSION = 1;

export type Status = 'pass' | 'warn' | 'fail' | 'error';

export interface SampleReport {
  repeat: number;
  status: 'ok' | 'error';
  reason?: string;
  exitCode: number | null;
  signal: string | null;
  durationS: number;
  energyJ: number;
  co2eG: number;
  breakdownJ: BreakdownJ;
  utilisation: number;
  processCpuS: number;
  processShare: number;
  /** Estimates only: the band implied by the power model's cross-validated error. */
  energyBandJ?: { low: number; high: number };
  gpus?: GpuEnergy[];
  notes: string[];
}

export interface BenchmarkReport {
  name: string;
  kind: 'training' | 'inference' | 'other';
  command: string;
  status: Status;
  reason?: string;
  repeats: number;
  warmup: number;
  /** Medians over the successful repeats; null when none succeeded. */
  durationS: number | null;
  energyJ: number | null;
  co2eG: number | null;
  breakdownJ: BreakdownJ | null;
  processShare: number | null;
  /** Estimates only: medians of the samples' bands. */
  energyBandJ?: { low: number; high: number };
  samples: SampleReport[];
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'carbon-gate'; version: string };
  createdAt: string;
  config: string;
  machine: {
    platform: string;
    cpuModel: string;
    logicalCpus: number;
    memoryGb: number;
    virtualised: boolean;
  };
  method: {
    cpu: CpuMethod;
    gpu: GpuMethod;
    powerModel: string;
    scope: string;
    basis: string[];
    intervalS: number;
    gpuNames?: string[];
  };
  carbon: {
    region: string;
    regionName: string;
    regionOrigin: RegionOrigin;
    intensityGPerKwh: number;
    intensityYear: number;
    source: string;
    pue: number;
    pueSource: string;
  };
  benchmarks: BenchmarkReport[];
  /** Sums of the benchmarks' medians: the footprint of one run of the suite. */
  totals: { durationS: number; energyJ: number; energyKwh: number; co2eG: number };
  verdict: { status: Status; reasons: string[] };
  notices: string[];
}
