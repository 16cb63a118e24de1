import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/usage-error.js';
import { prepareOutDir, reason, shownPath } from '../../src/io/out-dir.js';

const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-out-dir-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('prepareOutDir', () => {
  it('creates a missing directory, nested, and leaves no probe file behind', async () => {
    const out = path.join(tmp(), 'a', 'b');
    await prepareOutDir(out);
    expect(statSync(out).isDirectory()).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });

  it('an existing directory with files: fine, untouched', async () => {
    const out = tmp();
    writeFileSync(path.join(out, 'carbon-report.json'), '{}');
    await prepareOutDir(out);
    expect(readdirSync(out)).toEqual(['carbon-report.json']);
  });

  it('a regular file, or a path below one: a one-line UsageError naming the flag', async () => {
    const dir = tmp();
    const file = path.join(dir, 'taken');
    writeFileSync(file, '');
    const err = await prepareOutDir(file, '--out').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).lines).toEqual([`--out ${file}: not a directory (a file is there)`]);
    await expect(prepareOutDir(path.join(file, 'sub'), '--out')).rejects.toThrow(
      /^--out .*taken\/sub: cannot create the directory \(ENOTDIR: not a directory\)$/,
    );
  });

  it.runIf(process.platform === 'linux')('/proc/self: a directory nothing can be created in', async () => {
    await expect(prepareOutDir('/proc/self')).rejects.toThrow(
      /^--out \/proc\/self: not a writable directory/,
    );
  });

  it.runIf(process.platform !== 'win32' && process.getuid?.() !== 0)(
    'a read-only directory (not as root, who may write anyway)',
    async () => {
      const out = path.join(tmp(), 'ro');
      mkdirSync(out, { mode: 0o555 });
      await expect(prepareOutDir(out)).rejects.toThrow(/not a writable directory \(EACCES/);
    },
  );
});

describe('reason', () => {
  it("keeps Node's code and words, not the path", () => {
    const e = Object.assign(new Error("EACCES: permission denied, open '/x/y'\nmore"), { code: 'EACCES' });
    expect(reason(e)).toBe('EACCES: permission denied');
    expect(reason('plain')).toBe('plain');
  });
});

describe('shownPath', () => {
  it('keeps a plain path, quotes one with a line break', () => {
    expect(shownPath('out/dir')).toBe('out/dir');
    expect(shownPath('a\nb')).toBe('"a\\nb"');
  });
});
