import { stringify } from 'yaml';

/** A valid benchmark entry; tests override or delete fields to break it. */
export const BENCH = { name: 'train', kind: 'training', run: 'python train.py' } as const;

/** YAML for a config with one benchmark built from BENCH plus `changes` (undefined deletes). */
export function withBench(changes: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  const bench: Record<string, unknown> = { ...BENCH, ...changes };
  for (const key of Object.keys(bench)) if (bench[key] === undefined) delete bench[key];
  return stringify({ version: 1, ...top, benchmarks: [bench] });
}

/** YAML for a top-level mapping with `changes` applied to a valid one-benchmark config. */
export function withTop(changes: Record<string, unknown>): string {
  const config: Record<string, unknown> = { version: 1, benchmarks: [BENCH], ...changes };
  for (const key of Object.keys(config)) if (config[key] === undefined) delete config[key];
  return stringify(config);
}
