import type { EngineOverrides } from '../engine/types.js';
import { UsageError } from '../errors/usage-error.js';
import { parseNameList, parseShard, SHARD_EXPECTED } from '../runner/shard.js';

/** `--shard K/N` and `--only a,b` as the engine's selection; a bad value is exit 2 naming the flag. */
export function parseSelection(values: { shard?: string; only?: string }): EngineOverrides['select'] {
  if (values.shard === undefined && values.only === undefined) return undefined;
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard === null)
    throw new UsageError(`--shard: "${values.shard!.slice(0, 40)}" is not ${SHARD_EXPECTED}`);
  const only = values.only === undefined ? undefined : parseNameList(values.only);
  if (only !== undefined && only.length === 0)
    throw new UsageError('--only: expected benchmark names separated by commas, e.g. --only train,infer');
  return { label: '--only', ...(shard ? { shard } : {}), ...(only ? { only } : {}) };
}
