import type { NeighbourSet } from './knn.js';
import type { FittedModel } from './model.js';
import type { Ridge, Scaler } from './ridge.js';
import type { Hyper, ModelDefaults } from './types.js';
import type { GRID_AXES } from './protocol.js';

/** data/power-model.json: everything prediction needs, plus how it was obtained and scored. */
export interface PowerModelFile {
  name: string;
  version: string;
  description: string;
  attribution: { data: string; via: string; licence: string; url: string };
  training: { source: string; servers: number; inputSha256: string; levels: number[] };
  protocol: {
    folds: number;
    seed: number;
    innerSeed: number;
    bandQuantiles: number[];
    grid: typeof GRID_AXES;
    selection: string;
  };
  hyperparameters: Hyper;
  architectures: string[];
  features: string[];
  defaults: ModelDefaults;
  band: { lowRatio: number; highRatio: number; coverage: number; nestedCoverage: number };
  cv: {
    mapePct: number;
    foldMapePct: number[];
    selectedConfigMapePct: number;
    formulasMapePct: Record<string, number>;
  };
  scaler: Scaler;
  ridge: Ridge;
  neighbours: { keys: string[]; vendors: (string | null)[]; points: number[][]; residuals: number[][] };
}

export function toFitted(file: PowerModelFile): FittedModel {
  const neighbours: NeighbourSet = file.neighbours;
  return { hyper: file.hyperparameters, scaler: file.scaler, ridge: file.ridge, neighbours };
}
