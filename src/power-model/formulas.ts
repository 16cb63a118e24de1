import { teadsFractionOfTdp } from '../meter/teads.js';
import { LEVELS } from './curve.js';
import type { ResolvedMachine } from './types.js';

/**
 * The published estimators the calibrated model is scored against, as the brief reads them.
 * Each maps a machine to whole-server watts at the 11 SPECpower load levels.
 */
export type Formula = (m: ResolvedMachine) => number[];

const tdpAll = (m: ResolvedMachine) => m.tdpWPerSocket * m.sockets;

/** Teads: 0.12/0.32/0.75/1.02 × TDP at 0/10/50/100 %, linear between; no memory term. */
export const teads: Formula = (m) => LEVELS.map((u) => teadsFractionOfTdp(u) * tdpAll(m));

/** Green Algorithms: TDP × usage + 0.3725 W/GB of memory (its referenceValues.csv). */
export const greenAlgorithms: Formula = (m) => LEVELS.map((u) => tdpAll(m) * u + 0.3725 * m.memoryGb);

/**
 * CodeCarbon v3 "load" mode without RAPL: TDP × (0.1 + 0.9 u³). Memory at 0.375 W/GB, CodeCarbon's
 * long-standing 3 W per 8 GB; v3's per-DIMM-slot figure needs the DIMM count, which no dataset has.
 */
export const codecarbon: Formula = (m) =>
  LEVELS.map((u) => tdpAll(m) * (0.1 + 0.9 * u ** 3) + 0.375 * m.memoryGb);

/** Cloud Carbon Footprint's min/max W per vCPU by microarchitecture. */
export const CCF_W_PER_VCPU: Readonly<Record<string, readonly [min: number, max: number]>> = {
  'epyc-gen3': [0.45, 2.02],
  'epyc-gen2': [0.47, 1.69],
  cascadelake: [0.64, 3.97],
  skylake: [0.65, 4.26],
};
/** CCF's AWS average over all microarchitectures, its default when the architecture is not listed. */
export const CCF_AVERAGE: readonly [number, number] = [0.74, 3.5];

/** CCF: threads × (min + (max − min) × u) + 0.392 W/GB. */
export const ccf: Formula = (m) => {
  const [min, max] = CCF_W_PER_VCPU[m.architecture ?? ''] ?? CCF_AVERAGE;
  return LEVELS.map((u) => m.threads * (min + (max - min) * u) + 0.392 * m.memoryGb);
};

export const FORMULAS: ReadonlyArray<readonly [name: string, f: Formula]> = [
  ['Teads curve on TDP', teads],
  ['Green Algorithms', greenAlgorithms],
  ['CodeCarbon v3 load mode', codecarbon],
  ['Cloud Carbon Footprint', ccf],
];
