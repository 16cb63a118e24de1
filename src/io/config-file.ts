import { existsSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_CONFIG_BYTES } from '../config/limits.js';
import { describeValue } from '../config/render.js';
import type { Config } from '../config/schema.js';
import { parseConfigText } from '../config/validate.js';
import { ConfigError } from '../errors/config-error.js';
import { placeInside } from './inside-dir.js';

/** Names looked up in the working directory, in order, when no path is given. */
export const CONFIG_FILE_NAMES = ['carbon-gate.yml', 'carbon-gate.yaml'] as const;

/** The explicit path (resolved against `cwd`, existing or not), else the first config in `cwd`. */
export function findConfigPath(cwd: string, explicit?: string): string | null {
  if (explicit !== undefined && explicit !== '') return path.resolve(cwd, explicit);
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(cwd, name);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file. */
  path: string;
  /** Its directory: benchmark `cwd`s are relative to it. */
  dir: string;
}

/** Reads and validates a config file; any problem becomes a ConfigError of one-line messages. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const absolute = path.resolve(file);
  const label = displayName(absolute);
  const text = await readText(absolute, label);
  const result = parseConfigText(text, label);
  if (!result.ok) throw new ConfigError(result.errors);
  const dir = path.dirname(absolute);
  const profileProblem =
    result.config.powerProfile && powerProfileProblem(result.config.powerProfile, dir, label);
  if (profileProblem) throw new ConfigError([profileProblem]);
  return { config: result.config, path: absolute, dir };
}

/**
 * `powerProfile:` may name only a file inside the config file's directory tree, with symlinks resolved,
 * and not under `.git/`: carbon-gate reads it and its errors reach the job log, and a pull request controls
 * the config. (Not the working directory: the same config must mean the same file wherever it is run from.)
 * A missing file is judged by its nearest existing directory; the meter says "not found" when it needs it.
 */
function powerProfileProblem(value: string, dir: string, label: string): string | undefined {
  const at = `${label}: powerProfile: ${describeValue(value)}`;
  const inside = displayName(dir);
  let placed;
  try {
    placed = placeInside(path.resolve(dir, value), dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return `${at} cannot be resolved (${code}); expected a power profile file inside ${inside}`;
  }
  if (placed.ok) return undefined;
  return placed.why === 'outside'
    ? `${at} is outside the config file's directory; expected a power profile file inside ${inside}`
    : `${at} is inside .git/; expected a power profile file, not one of git's own files`;
}

/** Relative to the working directory when inside it: lines read `carbon-gate.yml: …`. */
function displayName(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

async function readText(file: string, label: string): Promise<string> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    // Where it was looked for: in the Action, the workspace and the config input decide that.
    const where = `file not found (looked in ${path.dirname(file)})`;
    throw new ConfigError([error.code === 'ENOENT' ? `${label}: ${where}` : cannotRead(label, error)]);
  });
  // Before opening: opening a FIFO would block, and /dev/zero never ends.
  if (!info.isFile()) throw new ConfigError([`${label}: not a regular file; expected a YAML config file`]);
  if (info.size > MAX_CONFIG_BYTES) throw new ConfigError([`${label}: the file is larger than 1 MiB`]);
  const bytes = await readAtMost(file, label, MAX_CONFIG_BYTES + 1);
  // The file may have grown since stat; the bounded read catches that too.
  if (bytes.length > MAX_CONFIG_BYTES) throw new ConfigError([`${label}: the file is larger than 1 MiB`]);
  try {
    // fatal: invalid UTF-8 is refused here instead of becoming U+FFFD that might parse.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ConfigError([`${label}: binary content (invalid UTF-8); expected a UTF-8 YAML text file`]);
  }
}

async function readAtMost(file: string, label: string, limit: number): Promise<Uint8Array> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError([cannotRead(label, error)]);
  });
  try {
    const buffer = new Uint8Array(limit);
    let length = 0;
    while (length < limit) {
      const { bytesRead } = await handle.read(buffer, length, limit - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function cannotRead(label: string, error: NodeJS.ErrnoException): string {
  return `${label}: cannot read the file (${error.code ?? error.message})`;
}
