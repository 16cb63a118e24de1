/**
 * File side of the power-model scripts: argument parsing, reading machines.csv, writing the
 * committed JSON in a stable, diff-friendly layout.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSpecpower } from '../../src/power-model/specpower.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MACHINES_CSV = 'specpower/machines.csv';

export interface ScriptArgs {
  shared: string;
  model: string;
  cpus: string;
}

/** --shared DIR (default ../shared/data beside the repo), --model FILE, --cpus FILE. */
export function parseScriptArgs(argv: string[]): ScriptArgs {
  const args: ScriptArgs = {
    shared: resolve(REPO_ROOT, '../shared/data'),
    model: join(REPO_ROOT, 'data/power-model.json'),
    cpus: join(REPO_ROOT, 'data/specpower-cpus.json'),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!.replace(/^--/, '');
    const value = argv[i + 1];
    if (!(flag in args) || value === undefined)
      throw new Error(
        `unknown or incomplete option ${argv[i]}; expected --shared DIR, --model FILE, --cpus FILE`,
      );
    args[flag as keyof ScriptArgs] = resolve(value);
  }
  return args;
}

export function readMachines(shared: string) {
  const text = readFileSync(join(shared, MACHINES_CSV), 'utf8');
  return {
    servers: parseSpecpower(text),
    inputSha256: createHash('sha256').update(text).digest('hex'),
    source: `shared/data/${MACHINES_CSV}`,
  };
}

/** JSON with 2-space indentation, but arrays of scalars on one line: the file stays reviewable. */
export function stableJson(value: unknown, indent = ''): string {
  const next = indent + '  ';
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object'))
      return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => next + stableJson(v, next)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{\n${entries.map(([k, v]) => `${next}${JSON.stringify(k)}: ${stableJson(v, next)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
