// Prediction API over the committed model (data/power-model.json, written by npm run fit:power-model).
// Pure: both JSON files are bundled at build time.
import modelJson from '../../data/power-model.json' with { type: 'json' };
import cpusJson from '../../data/specpower-cpus.json' with { type: 'json' };
import { atUtilisation } from './curve.js';
import { featureVector } from './features.js';
import { predictCurve, type FittedModel } from './model.js';
import { toFitted, type PowerModelFile } from './model-file.js';
import type { ResolveContext } from './resolve.js';
import { resolveMachine } from './resolve.js';
import type { CpuTableRow, MachineInput } from './types.js';

// Assignments (not `as`) so tsc checks the committed JSON still has the shape relied on here.
const file: PowerModelFile = modelJson;
const cpus: CpuTableRow[] = cpusJson.cpus;

let loaded: { model: FittedModel; ctx: ResolveContext } | undefined;
function load() {
  loaded ??= {
    model: toFitted(file),
    ctx: {
      cpus: new Map(cpus.map((c) => [c.key, c])),
      architectures: file.architectures,
      defaults: file.defaults,
    },
  };
  return loaded;
}

function checkInput(m: MachineInput): void {
  if (!(Number.isFinite(m.threads) && m.threads > 0))
    throw new RangeError(`threads: expected a positive number, found ${m.threads}`);
  for (const f of ['sockets', 'cores', 'tdpWattsPerSocket', 'memoryGb'] as const) {
    const v = m[f];
    if (v !== undefined && !(Number.isFinite(v) && v > 0))
      throw new RangeError(`${f}: expected a positive number, found ${v}`);
  }
}

/** The machine's predicted curve at the 11 SPECpower levels (W), and how its inputs were filled. */
export function predictCurveWithBasis(m: MachineInput): { curve: number[]; basis: string[] } {
  checkInput(m);
  const { model, ctx } = load();
  const machine = resolveMachine(m, ctx);
  const curve = predictCurve(model, machine, featureVector(machine, ctx.architectures));
  return { curve, basis: [`${file.name} ${file.version}`, ...machine.basis] };
}

/** Whole-server wall power (W) at each utilisation (0..1, clamped); non-decreasing in utilisation. */
export function predictServerWatts(m: MachineInput, utilization: number[]): number[] {
  const { curve } = predictCurveWithBasis(m);
  return utilization.map((u) => atUtilisation(curve, u));
}

/** Power at one utilisation with the band the out-of-fold errors give (see powerModelInfo().band). */
export function predictWithBand(m: MachineInput, u: number): { watts: number; lowW: number; highW: number } {
  const [watts] = predictServerWatts(m, [u]) as [number];
  return { watts, lowW: watts * file.band.lowRatio, highW: watts * file.band.highRatio };
}

/**
 * Name, version, nested cross-validated MAPE (%) and the band: measured ÷ predicted fell between
 * lowRatio and highRatio for `coverage` of held-out server-levels (nested estimate).
 */
export function powerModelInfo(): {
  name: string;
  version: string;
  cvMapePct: number;
  band: { lowRatio: number; highRatio: number; coverage: number };
} {
  const { lowRatio, highRatio, nestedCoverage } = file.band;
  return {
    name: file.name,
    version: file.version,
    cvMapePct: file.cv.mapePct,
    band: { lowRatio, highRatio, coverage: nestedCoverage },
  };
}
