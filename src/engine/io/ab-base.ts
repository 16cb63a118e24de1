import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { BaseRevisionError } from '../../errors/base-revision-error.js';
import { abBaseline } from '../../gate/ab-baseline.js';
import type { BaselineData } from '../../gate/baseline.js';
import { loadConfig } from '../../io/config-file.js';
import { withWorktree, type WorktreeOptions } from '../../io/worktree.js';
import type { Report } from '../../report/types.js';
import { specsFromConfig } from '../../runner/specs-from-config.js';
import type { BenchmarkSpec } from '../../runner/types.js';

/**
 * Paired A/B against REF (the CLI's `run --ab REF`, the Action's `baseline: ab`): the base side is REF's own
 * config and benchmarks, from a worktree removed afterwards. The config is found at the same path relative
 * to the repository root as this one; `measure` runs head and base interleaved. `opts.owner`: the user the
 * benchmarks run as (benchmark-user), who is given the worktree.
 */
export async function withAbBase(
  configPath: string,
  ref: string,
  measure: (abBase: BenchmarkSpec[]) => Promise<{ report: Report; base?: Report }>,
  opts: WorktreeOptions = {},
): Promise<{ report: Report; baseline: BaselineData }> {
  if (ref.startsWith('-'))
    throw new BaseRevisionError('option-like', ref, `expected a git revision, found "${ref}"`);
  const real = await realpath(configPath);
  return withWorktree(
    path.dirname(real),
    ref,
    async (wt) => {
      const rel = path.relative(wt.repoRoot, real);
      const baseConfig = path.join(wt.dir, rel);
      if (!existsSync(baseConfig)) throw new BaseRevisionError('no-config', ref, `${ref} has no ${rel}`);
      const loaded = await loadConfig(baseConfig);
      const { report, base } = await measure(specsFromConfig(loaded.config, loaded.dir, { gated: true }));
      const baseline = await abBaseline(
        base ?? { benchmarks: [] },
        `${ref} (${wt.commit.slice(0, 12)})`,
      ).load();
      return { report, baseline };
    },
    opts,
  );
}
