import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { newMetricsFile, removeMetricsDirs, takeMetrics } from '../../src/runner/io/metrics-channel.js';

// The metrics folders spawnCommand makes: a test worker may end without the 'exit' that removes them.
afterAll(removeMetricsDirs);

const dirs: string[] = [];
const helpers: ChildProcess[] = [];
afterEach(() => {
  for (const h of helpers.splice(0)) h.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cg-metrics-'));
  dirs.push(d);
  return d;
};

describe('takeMetrics: only a regular file is read, never blocking, never through a link', () => {
  it('reads a regular file and removes it', async () => {
    const slot = newMetricsFile();
    writeFileSync(slot.file, '{"accuracy": 0.5}');
    expect(await takeMetrics(slot)).toEqual({ metrics: { accuracy: 0.5 }, problems: [] });
    expect(existsSync(slot.file)).toBe(false);
  });

  it('nothing written: undefined', async () => {
    expect(await takeMetrics(newMetricsFile())).toBeUndefined();
  });

  it('the file is made before the run, empty and private (0600): an empty file is nothing written', async () => {
    const slot = newMetricsFile();
    const st = statSync(slot.file);
    expect(st.isFile()).toBe(true);
    expect([st.size, st.mode & 0o777, st.uid]).toEqual([0, 0o600, process.getuid?.()]);
    expect(await takeMetrics(slot)).toBeUndefined();
    expect(existsSync(slot.file)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('a FIFO is a note, not a hang', async () => {
    const slot = newMetricsFile();
    rmSync(slot.file, { force: true });
    execFileSync('mkfifo', [slot.file]);
    // A writer that gives up after 10 s bounds the test, should a blocking read come back.
    const writer = spawn('sh', ['-c', 'exec sleep 10 3>"$0"', slot.file], { stdio: 'ignore' });
    helpers.push(writer);
    const r = await takeMetrics(slot);
    expect(r).toEqual({ metrics: {}, problems: ['metrics file is not a regular file (a FIFO): ignored'] });
    expect(existsSync(slot.file)).toBe(false);
  });

  it.each([
    ['a file', (target: string) => writeFileSync(target, '{"secret": 1}')],
    ['a FIFO', (target: string) => execFileSync('mkfifo', [target])],
    ['nothing', () => {}],
  ])('a symbolic link (to %s) is not followed', async (_name, make) => {
    const target = path.join(tmp(), 'target');
    make(target);
    const slot = newMetricsFile();
    rmSync(slot.file, { force: true });
    symlinkSync(target, slot.file);
    expect(await takeMetrics(slot)).toEqual({
      metrics: {},
      problems: ['metrics file is a symbolic link: not followed, ignored'],
    });
    expect(existsSync(slot.file)).toBe(false);
  });

  it('a folder is a note and is removed', async () => {
    const slot = newMetricsFile();
    rmSync(slot.file, { force: true });
    mkdirSync(path.join(slot.file, 'deep'), { recursive: true });
    expect(await takeMetrics(slot)).toEqual({
      metrics: {},
      problems: ['metrics file is not a regular file (a folder): ignored'],
    });
    expect(existsSync(slot.file)).toBe(false);
  });

  it('a file over 1 MiB is refused', async () => {
    const slot = newMetricsFile();
    writeFileSync(slot.file, `{"a": "${'x'.repeat(1024 * 1024)}"}`);
    expect(await takeMetrics(slot)).toEqual({
      metrics: {},
      problems: ['metrics file over 1048576 bytes: ignored'],
    });
  });

  it('a hard link to another file is refused', async () => {
    const other = path.join(tmp(), 'other.json');
    writeFileSync(other, '{"secret": 1}');
    const slot = newMetricsFile();
    rmSync(slot.file, { force: true });
    linkSync(other, slot.file);
    expect(await takeMetrics(slot)).toEqual({
      metrics: {},
      problems: ['metrics file has other hard links: ignored'],
    });
    expect(existsSync(other)).toBe(true);
  });
});

describe.skipIf(process.platform === 'win32')('removeMetricsDirs, at exit', () => {
  it('never throws, even while a leftover process keeps writing into the folder', async () => {
    // A same-user daemon that outlived its run (issue 2): the recursive delete meets ENOTEMPTY.
    const dir = path.dirname(newMetricsFile().file);
    const filler = spawn('sh', ['-c', 'i=0; while :; do : > "$0/f$i"; i=$((i+1)); done', dir], {
      stdio: 'ignore',
    });
    helpers.push(filler);
    const made = () => readdirSync(dir).length > 2000;
    while (!made()) await new Promise((res) => setTimeout(res, 20));
    expect(() => removeMetricsDirs()).not.toThrow();
    filler.kill('SIGKILL');
    await new Promise((res) => filler.once('exit', res));
    rmSync(dir, { recursive: true, force: true });
  });
});
