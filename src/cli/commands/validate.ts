import path from 'node:path';
import { findConfigPath, loadConfig } from '../../io/config-file.js';
import { UsageError } from '../../errors/usage-error.js';
import { existsSync } from 'node:fs';
import { resolveGridIntensity } from '../../carbon/region.js';
import type { Config } from '../../config/schema.js';
import { ConfigError } from '../../errors/config-error.js';
import { RegionError } from '../../errors/region-error.js';
import { loadPowerProfile } from '../../power-profile/io/load-power-profile.js';
import { resolveTfjsArgs } from '../../tfjs/command.js';
import { EXIT } from '../exit-codes.js';
import { HELP } from '../help.js';
import { parseOptions } from '../parse-options.js';

export async function validateCommand(args: string[]): Promise<number> {
  const { values } = parseOptions('validate', args, {
    config: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP.validate + '\n');
    return EXIT.ok;
  }
  const found = findConfigPath(process.cwd(), values.config);
  if (!found)
    throw new UsageError('validate: no carbon-gate.yml or carbon-gate.yaml here; pass --config FILE');
  const { config } = await loadConfig(found);
  const shown = path.relative(process.cwd(), found) || found;
  checkBeforeRun(config, path.dirname(found), shown);
  const n = config.benchmarks.length;
  process.stdout.write(`${shown}: valid (${n} benchmark${n === 1 ? '' : 's'})\n`);
  return EXIT.ok;
}

/**
 * What `run` would refuse before running anything, checked without running it: the region (unless
 * "auto", which only a cloud runner can answer), the power profile file and the TF.js model and data
 * files. The same errors as `run`, worded the same way (exit 2).
 */
function checkBeforeRun(config: Config, dir: string, label: string): void {
  if (config.region && config.region.toLowerCase() !== 'auto') {
    const r = resolveGridIntensity({ config: config.region });
    if (!r.ok) throw new RegionError(r.origin, r.detail);
  }
  if (config.powerProfile) loadPowerProfile(path.resolve(dir, config.powerProfile));
  const missing = config.benchmarks.flatMap((b, i) => {
    if (!b.tfjs) return [];
    const args = resolveTfjsArgs(b.tfjs, dir);
    const files = [
      ...(/\.json$/i.test(args.model) ? [['tfjs.model', args.model]] : []),
      ...(args.dataset !== 'mnist' ? [['tfjs.dataset', args.dataset]] : []),
    ];
    return files
      .filter(([, f]) => !existsSync(f!))
      .map(
        ([key, f]) =>
          `${label}: benchmarks[${i}].${key}: ${path.relative(dir, f!) || f} does not exist; expected a file`,
      );
  });
  if (missing.length) throw new ConfigError(missing);
}
