import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/config-error.js';
import { findConfigPath, loadConfig } from '../../src/io/config-file.js';

const VALID = 'version: 1\nbenchmarks:\n  - { name: a, kind: other, run: "true" }\n';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'carbon-gate-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The ConfigError lines loadConfig rejects with (fails the test if it resolves). */
async function loadErrors(file: string): Promise<string[]> {
  const error: unknown = await loadConfig(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).lines;
}

describe('loadConfig', () => {
  it('returns the config, its absolute path and directory', async () => {
    const file = path.join(dir, 'carbon-gate.yml');
    await writeFile(file, VALID);
    const loaded = await loadConfig(file);
    expect(loaded).toMatchObject({ path: file, dir });
    expect(loaded.config.benchmarks[0]?.timeoutS).toBe(1800);
  });

  it.each([
    ['a missing file', 'missing.yml', null, /missing\.yml: file not found \(looked in \/.+\)$/],
    [
      'invalid UTF-8 bytes',
      'bad.yml',
      Buffer.from([0x76, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
      /bad\.yml: binary content/,
    ],
    ['NUL bytes', 'nul.yml', Buffer.from('version: 1\0\n'), /nul\.yml:1:11: binary content/],
    [
      'an oversized file',
      'big.yml',
      Buffer.alloc(1024 * 1024 + 1, 0x20),
      /big\.yml: the file is larger than 1 MiB/,
    ],
    ['an empty file', 'empty.yml', Buffer.alloc(0), /empty\.yml: the file is empty/],
    ['a directory', 'sub', 'dir', /sub: not a regular file/],
    [
      'an invalid config',
      'bad.yml',
      Buffer.from('version: 1\nbenchmarks: []\n'),
      /bad\.yml: benchmarks: expected/,
    ],
  ] as const)('rejects %s with one line', async (_name, name, content, pattern) => {
    const file = path.join(dir, name);
    if (content === 'dir') await mkdir(file);
    else if (content) await writeFile(file, content);
    const lines = await loadErrors(file);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });

  it('names the file relative to the working directory when inside it', async () => {
    const lines = await loadErrors(path.join(process.cwd(), 'no-such-carbon-gate.yml'));
    expect(lines).toEqual([`no-such-carbon-gate.yml: file not found (looked in ${process.cwd()})`]);
  });
});

describe('findConfigPath', () => {
  it.each([
    ['nothing there', [], undefined, null],
    ['only .yml', ['carbon-gate.yml'], undefined, 'carbon-gate.yml'],
    ['only .yaml', ['carbon-gate.yaml'], undefined, 'carbon-gate.yaml'],
    ['both: .yml wins', ['carbon-gate.yaml', 'carbon-gate.yml'], undefined, 'carbon-gate.yml'],
    ['explicit path, even if missing', ['carbon-gate.yml'], 'ci/other.yml', 'ci/other.yml'],
  ] as const)('%s', async (_name, files, explicit, expected) => {
    for (const f of files) await writeFile(path.join(dir, f), VALID);
    const found = findConfigPath(dir, explicit);
    expect(found).toBe(expected === null ? null : path.join(dir, expected));
  });

  it('skips a directory named like a config', async () => {
    await mkdir(path.join(dir, 'carbon-gate.yml'));
    await writeFile(path.join(dir, 'carbon-gate.yaml'), VALID);
    expect(findConfigPath(dir)).toBe(path.join(dir, 'carbon-gate.yaml'));
  });

  it('resolves an absolute explicit path as is', () => {
    expect(findConfigPath(dir, '/etc/carbon.yml')).toBe('/etc/carbon.yml');
  });
});
