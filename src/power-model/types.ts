/** A machine to predict whole-server wall power for. Only the CPU name and thread count are required. */
export interface MachineInput {
  cpuModel: string;
  /** Server vendor ("Dell Inc."), or the CPU maker ("intel", "AuthenticAMD"). */
  vendor?: string;
  /** SPECpower vocabulary: skylake, cascadelake, icelake, epyc-gen2, epyc-gen3, … */
  architecture?: string;
  year?: number;
  sockets?: number;
  /** Physical cores of the whole server (all sockets). */
  cores?: number;
  /** Hardware threads of the whole server (all sockets). */
  threads: number;
  tdpWattsPerSocket?: number;
  memoryGb?: number;
}

/** A machine with every field the model uses filled in, and how the gaps were filled. */
export interface ResolvedMachine {
  key: string;
  make: 'intel' | 'amd';
  /** A trained architecture, or null when unknown (the model then uses the average effect). */
  architecture: string | null;
  family: string;
  /** Vendor group, or null when unknown. */
  vendor: string | null;
  lowPower: boolean;
  year: number;
  sockets: number;
  cores: number;
  threads: number;
  tdpWPerSocket: number;
  memoryGb: number;
  basis: string[];
}

/** One CPU of the SPECpower-derived table (data/specpower-cpus.json). */
export interface CpuTableRow {
  key: string;
  /** The name as first written in the SPECpower data. */
  name: string;
  architecture: string | null;
  year: number;
  coresPerSocket: number;
  threadsPerSocket: number;
  tdpWPerSocket: number | null;
  servers: number;
}

/** Defaults for fields a caller leaves out, derived from the training inputs. */
export interface ModelDefaults {
  memoryGbPerThread: number;
  year: number;
  yearByArchitecture: Record<string, number>;
  /** Training range of year and memory: the model's squared terms are not extrapolated past them. */
  yearRange: number[];
  memoryGbRange: number[];
}

/** Hyperparameters of the ridge + neighbour-residual model. */
export interface Hyper {
  lambda: number;
  k: number;
  bandwidth: number;
  namePenalty: number;
  vendorPenalty: number;
}
