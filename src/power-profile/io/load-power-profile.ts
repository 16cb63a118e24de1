import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { MAX_CONFIG_BYTES } from '../../config/limits.js';
import { ConfigError } from '../../errors/config-error.js';
import { inGitDir, realPathOrNearest } from '../../io/inside-dir.js';
import { parsePowerProfileText } from '../parse.js';
import type { PowerProfile } from '../schema.js';

export interface LoadedPowerProfile {
  profile: PowerProfile;
  /** How the file is named in messages and the report: relative to the working directory when inside it. */
  label: string;
}

function labelOf(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

/**
 * Reads and validates a power profile; any problem is a ConfigError of one-line messages (exit 2) that
 * never quote the file's bytes. A file in a `.git` directory (symlinks resolved) is refused: that is where
 * actions/checkout leaves the token. That the file lies inside the config's directory tree is checked
 * where the config is loaded (src/io/config-file.ts), which knows that directory.
 */
export function loadPowerProfile(file: string): LoadedPowerProfile {
  const absolute = path.resolve(file);
  const label = labelOf(absolute);
  let text: string;
  try {
    const real = realPathOrNearest(absolute);
    if (inGitDir(real))
      throw new ConfigError([
        `${label}: inside .git/; expected a power profile (JSON), not one of git's own files`,
      ]);
    // Before reading: a FIFO would block and /dev/zero never ends.
    const info = statSync(real);
    if (!info.isFile())
      throw new ConfigError([`${label}: not a regular file; expected a power profile (JSON)`]);
    if (info.size > MAX_CONFIG_BYTES) throw new ConfigError([`${label}: the file is larger than 1 MiB`]);
    text = readFileSync(real, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      code === 'ENOENT'
        ? `${label}: power profile not found`
        : `${label}: cannot read the power profile (${code ?? 'error'})`,
    ]);
  }
  const result = parsePowerProfileText(text, label);
  if (!result.ok) throw new ConfigError(result.errors);
  return { profile: result.profile, label };
}
