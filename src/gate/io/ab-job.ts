import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors/usage-error.js';
import { loadConfig } from '../../io/config-file.js';
import type { Report } from '../../report/types.js';
import { specsFromConfig } from '../../runner/specs-from-config.js';
import type { BenchmarkSpec } from '../../runner/types.js';
import { abBaseline } from '../ab-baseline.js';
import type { BaselineData } from '../baseline.js';
import { withWorktree } from './worktree.js';

/**
 * Paired A/B against REF (`run --ab REF`, the Action's `baseline: ab`): the base side is REF's own config
 * and benchmarks, from a worktree removed afterwards. The config is found at the same path relative to
 * the repository root as this one; `job` runs head and base interleaved.
 */
export async function abJob(
  configPath: string,
  ref: string,
  job: (abBase: BenchmarkSpec[]) => Promise<{ report: Report; base?: Report }>,
): Promise<{ report: Report; baseline: BaselineData }> {
  if (ref.startsWith('-')) throw new UsageError(`run: --ab expects a git revision, found "${ref}"`);
  const real = await realpath(configPath);
  return withWorktree(path.dirname(real), ref, async (wt) => {
    const rel = path.relative(wt.repoRoot, real);
    const baseConfig = path.join(wt.dir, rel);
    if (!existsSync(baseConfig)) throw new UsageError(`run: --ab ${ref}: ${ref} has no ${rel}`);
    const loaded = await loadConfig(baseConfig);
    const { report, base } = await job(specsFromConfig(loaded.config, loaded.dir, { gated: true }));
    const baseline = await abBaseline(
      base ?? { benchmarks: [] },
      `${ref} (${wt.commit.slice(0, 12)})`,
    ).load();
    return { report, baseline };
  });
}
