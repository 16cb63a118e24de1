import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ownDir,
  REPORT_FILE,
  UnsafeDirError,
  writeFileAtomic,
  writeReportFile,
} from '../../src/io/write-report.js';
import type { Report } from '../../src/report/types.js';

/**
 * Security review, item 1: the Action's report directory is checked after the benchmarks ran (they may
 * write to the workspace): below the workspace, every component a directory of ours, never a link; the
 * files beside the report are written as the report is (temporary file + rename, never through a link).
 */
const root = process.getuid?.() === 0;
const linux = process.platform === 'linux';

const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-own-dir-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const report = { createdAt: '2025-01-01T00:00:00.000Z', notices: [] } as unknown as Report;

async function refusal(dir: string, within: string): Promise<string> {
  const e = await ownDir(dir, within).then(
    async (d) => {
      await d.close();
      return new Error('accepted');
    },
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UnsafeDirError);
  expect((e as Error).message.split('\n')).toHaveLength(1);
  return (e as Error).message;
}

describe('ownDir below the workspace', () => {
  it('creates missing directories one by one, and writes land there', async () => {
    const ws = tmp();
    const dir = path.join(ws, 'a', 'b');
    const own = await ownDir(dir, ws);
    await writeFileAtomic(own.at, 'x.json', '{}\n');
    await own.close();
    expect(readFileSync(path.join(dir, 'x.json'), 'utf8')).toBe('{}\n');
    expect(lstatSync(path.join(ws, 'a')).isDirectory()).toBe(true);
  });

  it('refuses a symbolic link anywhere on the path, and creates nothing where it points', async () => {
    const ws = tmp();
    const elsewhere = tmp();
    symlinkSync(elsewhere, path.join(ws, 'out'));
    expect(await refusal(path.join(ws, 'out'), ws)).toMatch(/out is a symbolic link/);
    expect(await refusal(path.join(ws, 'out', 'deeper'), ws)).toMatch(/out is a symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses a file where a directory should be', async () => {
    const ws = tmp();
    writeFileSync(path.join(ws, 'out'), '');
    expect(await refusal(path.join(ws, 'out', 'x'), ws)).toMatch(/out is not a directory/);
  });

  it.runIf(root)(
    'refuses a directory another user owns (a benchmark run as benchmark-user made it)',
    async () => {
      const ws = tmp();
      mkdirSync(path.join(ws, 'out', 'inner'), { recursive: true });
      chownSync(path.join(ws, 'out'), 65534, 65534);
      expect(await refusal(path.join(ws, 'out', 'inner'), ws)).toMatch(
        /out is not owned by this user \(it is uid 65534's\)/,
      );
    },
  );

  it('a path with a line break is quoted in the refusal', async () => {
    const ws = tmp();
    symlinkSync(tmp(), path.join(ws, 'a\nb'));
    expect(await refusal(path.join(ws, 'a\nb'), ws)).toContain(JSON.stringify(path.join(ws, 'a\nb')));
  });

  it.runIf(linux)(
    'writes go into the directory checked, even if its path is swapped for a link afterwards',
    async () => {
      const ws = tmp();
      const elsewhere = tmp();
      const dir = path.join(ws, 'out');
      const own = await ownDir(dir, ws);
      renameSync(dir, path.join(ws, 'moved'));
      symlinkSync(elsewhere, dir);
      await writeFileAtomic(own.at, 'x.json', '{}\n');
      await own.close();
      expect(readdirSync(elsewhere)).toEqual([]);
      expect(readdirSync(path.join(ws, 'moved'))).toEqual(['x.json']);
    },
  );
});

describe('ownDir outside the workspace', () => {
  it('accepts directories of ours or root’s (the temporary directory), and creates the rest', async () => {
    const ws = tmp();
    const out = path.join(tmp(), 'report');
    const own = await ownDir(out, ws);
    await own.close();
    expect(lstatSync(out).isDirectory()).toBe(true);
  });
});

describe('writeReportFile with files beside the report', () => {
  it('writes them atomically; a symlink at one is replaced, its target unchanged', async () => {
    const ws = tmp();
    const out = path.join(ws, '.carbon-gate');
    mkdirSync(out);
    const victim = path.join(tmp(), 'victim');
    writeFileSync(victim, 'keep\n');
    symlinkSync(victim, path.join(out, 'context.json'));
    const { file } = await writeReportFile(report, out, {
      within: ws,
      beside: { 'context.json': '{"a":1}\n' },
    });
    expect(file).toBe(path.join(out, REPORT_FILE));
    expect(readFileSync(victim, 'utf8')).toBe('keep\n');
    expect(lstatSync(path.join(out, 'context.json')).isFile()).toBe(true);
    expect(readFileSync(path.join(out, 'context.json'), 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(out).sort()).toEqual(['carbon-report.json', 'context.json']);
  });

  it('a report directory refused: nothing is written anywhere', async () => {
    const ws = tmp();
    const elsewhere = tmp();
    symlinkSync(elsewhere, path.join(ws, '.carbon-gate'));
    await expect(
      writeReportFile(report, path.join(ws, '.carbon-gate'), { within: ws, beside: { 'c.json': '{}' } }),
    ).rejects.toThrow(UnsafeDirError);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(existsSync(path.join(elsewhere, REPORT_FILE))).toBe(false);
  });
});
