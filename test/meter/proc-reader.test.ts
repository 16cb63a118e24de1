import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcFileReader } from '../../src/meter/io/proc-reader.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
const tempFile = (text: string) => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-reader-'));
  const file = path.join(dir, 'stat');
  writeFileSync(file, text);
  return file;
};
const text = (r: ProcFileReader, n: number) => r.bytes.toString('latin1', 0, n);

describe('ProcFileReader on ordinary files (a fake /proc)', () => {
  it('reads a rewritten file afresh and a missing one as -1', () => {
    const file = tempFile('cpu  1 2 3 4\n');
    const r = new ProcFileReader();
    expect(text(r, r.read(file, false))).toBe('cpu  1 2 3 4\n');
    writeFileSync(file, 'cpu  5 6 7 8\n');
    expect(text(r, r.read(file, false))).toBe('cpu  5 6 7 8\n');
    expect(r.openFiles).toBe(0);
    expect(r.read(path.join(dir!, 'absent'), false)).toBe(-1);
  });

  it('grows its buffer for a file larger than it, and reads only the head when limited', () => {
    const big = 'x'.repeat(10_000) + '\n';
    const file = tempFile(big);
    const r = new ProcFileReader();
    expect(text(r, r.read(file, false))).toBe(big);
    expect(r.read(file, false, 16)).toBe(16);
  });

  it('closes every kept file once it holds its cap', () => {
    const file = tempFile('a');
    const r = new ProcFileReader(2);
    for (const p of [file, `${dir}/./stat`, `${dir}//stat`]) expect(r.read(p, true)).toBe(1);
    expect(r.openFiles).toBe(1);
    r.closeAll();
    expect(r.openFiles).toBe(0);
  });
});

describe.skipIf(process.platform !== 'linux')('ProcFileReader on /proc', () => {
  it('re-reads a kept file afresh (pread at 0) and forgets it once its process is gone', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const exited = once(child, 'exit');
    const r = new ProcFileReader();
    const stat = `/proc/${child.pid}/stat`;
    const first = text(r, r.read(stat, true));
    expect(first.startsWith(`${child.pid} (sleep) `)).toBe(true);
    expect(r.openFiles).toBe(1);
    // /proc/stat changes between reads (its counters move); the kept file must show that.
    const head = (n: number) => text(r, n).split('\n')[0];
    const a = head(r.read('/proc/stat', true, 512));
    await new Promise((res) => setTimeout(res, 50));
    const b = head(r.read('/proc/stat', true, 512));
    expect(r.openFiles).toBe(2);
    expect(b).not.toBe(a);
    child.kill();
    await exited; // reaped: its /proc entry is gone
    expect(r.read(stat, true)).toBe(-1);
    expect(r.openFiles).toBe(1);
    r.closeAll();
  });
});
