import { BaseRevisionError } from '../errors/base-revision-error.js';
import { UsageError } from '../errors/usage-error.js';

/** The engine's base-revision problems, worded for `run --ab REF` (exit 2). */
export function abUsageError(e: unknown): unknown {
  if (!(e instanceof BaseRevisionError)) return e;
  return new UsageError(`run: --ab ${e.ref}: ${e.message}`);
}
