import type { TfjsArgs } from './command.js';

/** Set to 1, every TF.js benchmark runs at toy size: carbon-gate's own tests run the reference suite so. */
export const SMOKE_ENV = 'CARBON_GATE_TFJS_SMOKE';

/** The same benchmark at a size that checks it works end to end in about a second, not what it costs. */
export function smokeSized(args: TfjsArgs): TfjsArgs {
  return {
    ...args,
    samples: Math.min(args.samples, 200),
    epochs: 1,
    batchSize: Math.min(args.batchSize, 32),
    clusters: Math.min(args.clusters, 16),
  };
}
